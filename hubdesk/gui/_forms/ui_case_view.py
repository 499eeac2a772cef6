# Generated from ui/case_view.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSplitter, QTabWidget, QTextBrowser, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_CaseView(object):
    def setupUi(self, CaseView):
        if not CaseView.objectName():
            CaseView.setObjectName(u"CaseView")
        CaseView.resize(760, 640)
        self.caseLayout = QVBoxLayout(CaseView)
        self.caseLayout.setObjectName(u"caseLayout")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.titleLabel = QLabel(CaseView)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerRow.addWidget(self.titleLabel)

        self.conflictBadge = QLabel(CaseView)
        self.conflictBadge.setObjectName(u"conflictBadge")

        self.headerRow.addWidget(self.conflictBadge)

        self.dossierButton = QPushButton(CaseView)
        self.dossierButton.setObjectName(u"dossierButton")

        self.headerRow.addWidget(self.dossierButton)

        self.headerRow.setStretch(0, 1)

        self.caseLayout.addLayout(self.headerRow)

        self.headerGrid = QGridLayout()
        self.headerGrid.setObjectName(u"headerGrid")
        self.headerGrid.setHorizontalSpacing(12)
        self.referenceCaption = QLabel(CaseView)
        self.referenceCaption.setObjectName(u"referenceCaption")

        self.headerGrid.addWidget(self.referenceCaption, 0, 0, 1, 1)

        self.referenceValue = QLabel(CaseView)
        self.referenceValue.setObjectName(u"referenceValue")
        self.referenceValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerGrid.addWidget(self.referenceValue, 0, 1, 1, 1)

        self.enterpriseCaption = QLabel(CaseView)
        self.enterpriseCaption.setObjectName(u"enterpriseCaption")

        self.headerGrid.addWidget(self.enterpriseCaption, 0, 2, 1, 1)

        self.enterpriseLink = QLabel(CaseView)
        self.enterpriseLink.setObjectName(u"enterpriseLink")
        self.enterpriseLink.setTextFormat(Qt.TextFormat.RichText)
        self.enterpriseLink.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse)

        self.headerGrid.addWidget(self.enterpriseLink, 0, 3, 1, 1)

        self.kindCaption = QLabel(CaseView)
        self.kindCaption.setObjectName(u"kindCaption")

        self.headerGrid.addWidget(self.kindCaption, 1, 0, 1, 1)

        self.kindValue = QLabel(CaseView)
        self.kindValue.setObjectName(u"kindValue")

        self.headerGrid.addWidget(self.kindValue, 1, 1, 1, 1)

        self.managerCaption = QLabel(CaseView)
        self.managerCaption.setObjectName(u"managerCaption")

        self.headerGrid.addWidget(self.managerCaption, 1, 2, 1, 1)

        self.managerValue = QLabel(CaseView)
        self.managerValue.setObjectName(u"managerValue")

        self.headerGrid.addWidget(self.managerValue, 1, 3, 1, 1)

        self.openedCaption = QLabel(CaseView)
        self.openedCaption.setObjectName(u"openedCaption")

        self.headerGrid.addWidget(self.openedCaption, 2, 0, 1, 1)

        self.openedValue = QLabel(CaseView)
        self.openedValue.setObjectName(u"openedValue")

        self.headerGrid.addWidget(self.openedValue, 2, 1, 1, 1)

        self.dueCaption = QLabel(CaseView)
        self.dueCaption.setObjectName(u"dueCaption")

        self.headerGrid.addWidget(self.dueCaption, 2, 2, 1, 1)

        self.dueValue = QLabel(CaseView)
        self.dueValue.setObjectName(u"dueValue")

        self.headerGrid.addWidget(self.dueValue, 2, 3, 1, 1)

        self.statusCaption = QLabel(CaseView)
        self.statusCaption.setObjectName(u"statusCaption")

        self.headerGrid.addWidget(self.statusCaption, 3, 0, 1, 1)

        self.statusValue = QLabel(CaseView)
        self.statusValue.setObjectName(u"statusValue")
        font = QFont()
        font.setBold(True)
        self.statusValue.setFont(font)

        self.headerGrid.addWidget(self.statusValue, 3, 1, 1, 1)

        self.statusComboLabel = QLabel(CaseView)
        self.statusComboLabel.setObjectName(u"statusComboLabel")

        self.headerGrid.addWidget(self.statusComboLabel, 3, 2, 1, 1)

        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.statusCombo = QComboBox(CaseView)
        self.statusCombo.setObjectName(u"statusCombo")
        self.statusCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.statusRow.addWidget(self.statusCombo)

        self.changeStatusButton = QPushButton(CaseView)
        self.changeStatusButton.setObjectName(u"changeStatusButton")

        self.statusRow.addWidget(self.changeStatusButton)

        self.statusSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.statusRow.addItem(self.statusSpacer)


        self.headerGrid.addLayout(self.statusRow, 3, 3, 1, 1)


        self.caseLayout.addLayout(self.headerGrid)

        self.tabs = QTabWidget(CaseView)
        self.tabs.setObjectName(u"tabs")
        self.timelineTab = QWidget()
        self.timelineTab.setObjectName(u"timelineTab")
        self.timelineLayout = QVBoxLayout(self.timelineTab)
        self.timelineLayout.setObjectName(u"timelineLayout")
        self.timeline = QTreeWidget(self.timelineTab)
        self.timeline.setObjectName(u"timeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(True)

        self.timelineLayout.addWidget(self.timeline)

        self.timelineButtons = QHBoxLayout()
        self.timelineButtons.setObjectName(u"timelineButtons")
        self.addVisitButton = QPushButton(self.timelineTab)
        self.addVisitButton.setObjectName(u"addVisitButton")

        self.timelineButtons.addWidget(self.addVisitButton)

        self.addTaskButton = QPushButton(self.timelineTab)
        self.addTaskButton.setObjectName(u"addTaskButton")

        self.timelineButtons.addWidget(self.addTaskButton)

        self.taskDoneButton = QPushButton(self.timelineTab)
        self.taskDoneButton.setObjectName(u"taskDoneButton")

        self.timelineButtons.addWidget(self.taskDoneButton)

        self.timelineSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.timelineButtons.addItem(self.timelineSpacer)


        self.timelineLayout.addLayout(self.timelineButtons)

        self.tabs.addTab(self.timelineTab, "")
        self.formsTab = QWidget()
        self.formsTab.setObjectName(u"formsTab")
        self.formsLayout = QVBoxLayout(self.formsTab)
        self.formsLayout.setObjectName(u"formsLayout")
        self.formPickRow = QHBoxLayout()
        self.formPickRow.setObjectName(u"formPickRow")
        self.formSelectorLabel = QLabel(self.formsTab)
        self.formSelectorLabel.setObjectName(u"formSelectorLabel")

        self.formPickRow.addWidget(self.formSelectorLabel)

        self.formSelector = QComboBox(self.formsTab)
        self.formSelector.setObjectName(u"formSelector")
        self.formSelector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.formPickRow.addWidget(self.formSelector)

        self.checkFormButton = QPushButton(self.formsTab)
        self.checkFormButton.setObjectName(u"checkFormButton")

        self.formPickRow.addWidget(self.checkFormButton)

        self.draftStatus = QLabel(self.formsTab)
        self.draftStatus.setObjectName(u"draftStatus")
        self.draftStatus.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formPickRow.addWidget(self.draftStatus)


        self.formsLayout.addLayout(self.formPickRow)

        self.newFormRow = QHBoxLayout()
        self.newFormRow.setObjectName(u"newFormRow")
        self.newFormLabel = QLabel(self.formsTab)
        self.newFormLabel.setObjectName(u"newFormLabel")

        self.newFormRow.addWidget(self.newFormLabel)

        self.newFormCombo = QComboBox(self.formsTab)
        self.newFormCombo.setObjectName(u"newFormCombo")
        self.newFormCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.newFormRow.addWidget(self.newFormCombo)

        self.addFormButton = QPushButton(self.formsTab)
        self.addFormButton.setObjectName(u"addFormButton")

        self.newFormRow.addWidget(self.addFormButton)

        self.newFormSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.newFormRow.addItem(self.newFormSpacer)


        self.formsLayout.addLayout(self.newFormRow)

        self.formSplitter = QSplitter(self.formsTab)
        self.formSplitter.setObjectName(u"formSplitter")
        self.formSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.formSplitter.setChildrenCollapsible(False)
        self.formArea = QScrollArea(self.formSplitter)
        self.formArea.setObjectName(u"formArea")
        self.formArea.setMinimumSize(QSize(340, 0))
        self.formArea.setWidgetResizable(True)
        self.formHost = QWidget()
        self.formHost.setObjectName(u"formHost")
        self.formHostLayout = QVBoxLayout(self.formHost)
        self.formHostLayout.setObjectName(u"formHostLayout")
        self.noFormLabel = QLabel(self.formHost)
        self.noFormLabel.setObjectName(u"noFormLabel")
        self.noFormLabel.setWordWrap(True)

        self.formHostLayout.addWidget(self.noFormLabel)

        self.formArea.setWidget(self.formHost)
        self.formSplitter.addWidget(self.formArea)
        self.outcomeView = QTextBrowser(self.formSplitter)
        self.outcomeView.setObjectName(u"outcomeView")
        self.outcomeView.setOpenLinks(False)
        self.formSplitter.addWidget(self.outcomeView)

        self.formsLayout.addWidget(self.formSplitter)

        self.formsLayout.setStretch(2, 1)
        self.tabs.addTab(self.formsTab, "")
        self.attachmentsTab = QWidget()
        self.attachmentsTab.setObjectName(u"attachmentsTab")
        self.attachmentsLayout = QVBoxLayout(self.attachmentsTab)
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachmentList = QListWidget(self.attachmentsTab)
        self.attachmentList.setObjectName(u"attachmentList")

        self.attachmentsLayout.addWidget(self.attachmentList)

        self.attachmentButtons = QHBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addAttachmentButton = QPushButton(self.attachmentsTab)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.attachmentButtons.addWidget(self.addAttachmentButton)

        self.openAttachmentButton = QPushButton(self.attachmentsTab)
        self.openAttachmentButton.setObjectName(u"openAttachmentButton")

        self.attachmentButtons.addWidget(self.openAttachmentButton)

        self.attachmentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachmentButtons.addItem(self.attachmentSpacer)


        self.attachmentsLayout.addLayout(self.attachmentButtons)

        self.tabs.addTab(self.attachmentsTab, "")

        self.caseLayout.addWidget(self.tabs)

        self.caseLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.statusComboLabel.setBuddy(self.statusCombo)
        self.formSelectorLabel.setBuddy(self.formSelector)
        self.newFormLabel.setBuddy(self.newFormCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dossierButton, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.changeStatusButton)
        QWidget.setTabOrder(self.changeStatusButton, self.tabs)
        QWidget.setTabOrder(self.tabs, self.timeline)
        QWidget.setTabOrder(self.timeline, self.addVisitButton)
        QWidget.setTabOrder(self.addVisitButton, self.addTaskButton)
        QWidget.setTabOrder(self.addTaskButton, self.taskDoneButton)
        QWidget.setTabOrder(self.taskDoneButton, self.formSelector)
        QWidget.setTabOrder(self.formSelector, self.checkFormButton)
        QWidget.setTabOrder(self.checkFormButton, self.newFormCombo)
        QWidget.setTabOrder(self.newFormCombo, self.addFormButton)
        QWidget.setTabOrder(self.addFormButton, self.formArea)
        QWidget.setTabOrder(self.formArea, self.outcomeView)
        QWidget.setTabOrder(self.outcomeView, self.attachmentList)
        QWidget.setTabOrder(self.attachmentList, self.addAttachmentButton)
        QWidget.setTabOrder(self.addAttachmentButton, self.openAttachmentButton)

        self.retranslateUi(CaseView)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(CaseView)
    # setupUi

    def retranslateUi(self, CaseView):
        self.conflictBadge.setText(QCoreApplication.translate("CaseView", u"Conflict to resolve", None))
        self.dossierButton.setText(QCoreApplication.translate("CaseView", u"&Dossier\u2026", None))
        self.referenceCaption.setText(QCoreApplication.translate("CaseView", u"Reference:", None))
        self.enterpriseCaption.setText(QCoreApplication.translate("CaseView", u"Enterprise:", None))
        self.kindCaption.setText(QCoreApplication.translate("CaseView", u"Kind:", None))
        self.managerCaption.setText(QCoreApplication.translate("CaseView", u"Account manager:", None))
        self.openedCaption.setText(QCoreApplication.translate("CaseView", u"Opened:", None))
        self.dueCaption.setText(QCoreApplication.translate("CaseView", u"Due:", None))
        self.statusCaption.setText(QCoreApplication.translate("CaseView", u"Status:", None))
        self.statusComboLabel.setText(QCoreApplication.translate("CaseView", u"&Move to:", None))
        self.changeStatusButton.setText(QCoreApplication.translate("CaseView", u"C&hange status", None))
        ___qtreewidgetitem = self.timeline.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("CaseView", u"Details", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("CaseView", u"What", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("CaseView", u"When", None))
#if QT_CONFIG(accessibility)
        self.timeline.setAccessibleName(QCoreApplication.translate("CaseView", u"Timeline", None))
#endif // QT_CONFIG(accessibility)
        self.addVisitButton.setText(QCoreApplication.translate("CaseView", u"Add &visit\u2026", None))
        self.addTaskButton.setText(QCoreApplication.translate("CaseView", u"Add t&ask\u2026", None))
        self.taskDoneButton.setText(QCoreApplication.translate("CaseView", u"Mark task do&ne", None))
        self.tabs.setTabText(self.tabs.indexOf(self.timelineTab), QCoreApplication.translate("CaseView", u"&Timeline", None))
        self.formSelectorLabel.setText(QCoreApplication.translate("CaseView", u"F&orm:", None))
        self.checkFormButton.setText(QCoreApplication.translate("CaseView", u"Check &completeness", None))
        self.newFormLabel.setText(QCoreApplication.translate("CaseView", u"S&tart another form:", None))
        self.addFormButton.setText(QCoreApplication.translate("CaseView", u"&Start", None))
        self.noFormLabel.setText(QCoreApplication.translate("CaseView", u"No form on this case yet: choose one above and press Start.", None))
#if QT_CONFIG(accessibility)
        self.outcomeView.setAccessibleName(QCoreApplication.translate("CaseView", u"What the answers mean", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.formsTab), QCoreApplication.translate("CaseView", u"&Forms", None))
#if QT_CONFIG(accessibility)
        self.attachmentList.setAccessibleName(QCoreApplication.translate("CaseView", u"Attachments", None))
#endif // QT_CONFIG(accessibility)
        self.addAttachmentButton.setText(QCoreApplication.translate("CaseView", u"&Add a file or photo\u2026", None))
        self.openAttachmentButton.setText(QCoreApplication.translate("CaseView", u"&Open", None))
        self.tabs.setTabText(self.tabs.indexOf(self.attachmentsTab), QCoreApplication.translate("CaseView", u"Attach&ments", None))
        pass
    # retranslateUi

