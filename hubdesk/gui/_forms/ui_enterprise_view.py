# Generated from ui/enterprise_view.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QTabWidget, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_EnterpriseView(object):
    def setupUi(self, EnterpriseView):
        if not EnterpriseView.objectName():
            EnterpriseView.setObjectName(u"EnterpriseView")
        EnterpriseView.resize(720, 680)
        self.enterpriseLayout = QVBoxLayout(EnterpriseView)
        self.enterpriseLayout.setObjectName(u"enterpriseLayout")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.titleLabel = QLabel(EnterpriseView)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerRow.addWidget(self.titleLabel)

        self.newCaseButton = QPushButton(EnterpriseView)
        self.newCaseButton.setObjectName(u"newCaseButton")

        self.headerRow.addWidget(self.newCaseButton)

        self.headerRow.setStretch(0, 1)

        self.enterpriseLayout.addLayout(self.headerRow)

        self.tabs = QTabWidget(EnterpriseView)
        self.tabs.setObjectName(u"tabs")
        self.identityTab = QWidget()
        self.identityTab.setObjectName(u"identityTab")
        self.identityLayout = QVBoxLayout(self.identityTab)
        self.identityLayout.setObjectName(u"identityLayout")
        self.identityArea = QScrollArea(self.identityTab)
        self.identityArea.setObjectName(u"identityArea")
        self.identityArea.setWidgetResizable(True)
        self.identityArea.setFrameShape(QFrame.Shape.NoFrame)
        self.identityHost = QWidget()
        self.identityHost.setObjectName(u"identityHost")
        self.identityGrid = QGridLayout(self.identityHost)
        self.identityGrid.setObjectName(u"identityGrid")
        self.identityGrid.setVerticalSpacing(2)
        self.numberLabel = QLabel(self.identityHost)
        self.numberLabel.setObjectName(u"numberLabel")

        self.identityGrid.addWidget(self.numberLabel, 0, 0, 1, 1)

        self.numberEdit = QLineEdit(self.identityHost)
        self.numberEdit.setObjectName(u"numberEdit")
        self.numberEdit.setPlaceholderText(u"0403.019.261")

        self.identityGrid.addWidget(self.numberEdit, 0, 1, 1, 1)

        self.numberMessage = QLabel(self.identityHost)
        self.numberMessage.setObjectName(u"numberMessage")
        self.numberMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.numberMessage, 1, 1, 1, 1)

        self.nameLabel = QLabel(self.identityHost)
        self.nameLabel.setObjectName(u"nameLabel")

        self.identityGrid.addWidget(self.nameLabel, 2, 0, 1, 1)

        self.nameEdit = QLineEdit(self.identityHost)
        self.nameEdit.setObjectName(u"nameEdit")

        self.identityGrid.addWidget(self.nameEdit, 2, 1, 1, 1)

        self.nameMessage = QLabel(self.identityHost)
        self.nameMessage.setObjectName(u"nameMessage")
        self.nameMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.nameMessage, 3, 1, 1, 1)

        self.legalFormLabel = QLabel(self.identityHost)
        self.legalFormLabel.setObjectName(u"legalFormLabel")

        self.identityGrid.addWidget(self.legalFormLabel, 4, 0, 1, 1)

        self.legalFormEdit = QLineEdit(self.identityHost)
        self.legalFormEdit.setObjectName(u"legalFormEdit")
        self.legalFormEdit.setPlaceholderText(u"SRL / BV")

        self.identityGrid.addWidget(self.legalFormEdit, 4, 1, 1, 1)

        self.legalFormMessage = QLabel(self.identityHost)
        self.legalFormMessage.setObjectName(u"legalFormMessage")
        self.legalFormMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.legalFormMessage, 5, 1, 1, 1)

        self.vatLabel = QLabel(self.identityHost)
        self.vatLabel.setObjectName(u"vatLabel")

        self.identityGrid.addWidget(self.vatLabel, 6, 0, 1, 1)

        self.vatEdit = QLineEdit(self.identityHost)
        self.vatEdit.setObjectName(u"vatEdit")
        self.vatEdit.setPlaceholderText(u"BE 0403.019.261")

        self.identityGrid.addWidget(self.vatEdit, 6, 1, 1, 1)

        self.vatMessage = QLabel(self.identityHost)
        self.vatMessage.setObjectName(u"vatMessage")
        self.vatMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.vatMessage, 7, 1, 1, 1)

        self.ibanLabel = QLabel(self.identityHost)
        self.ibanLabel.setObjectName(u"ibanLabel")

        self.identityGrid.addWidget(self.ibanLabel, 8, 0, 1, 1)

        self.ibanEdit = QLineEdit(self.identityHost)
        self.ibanEdit.setObjectName(u"ibanEdit")
        self.ibanEdit.setPlaceholderText(u"BE68 5390 0754 7034")

        self.identityGrid.addWidget(self.ibanEdit, 8, 1, 1, 1)

        self.ibanMessage = QLabel(self.identityHost)
        self.ibanMessage.setObjectName(u"ibanMessage")
        self.ibanMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.ibanMessage, 9, 1, 1, 1)

        self.phoneLabel = QLabel(self.identityHost)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.identityGrid.addWidget(self.phoneLabel, 10, 0, 1, 1)

        self.phoneEdit = QLineEdit(self.identityHost)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setPlaceholderText(u"02 422 00 20")

        self.identityGrid.addWidget(self.phoneEdit, 10, 1, 1, 1)

        self.phoneMessage = QLabel(self.identityHost)
        self.phoneMessage.setObjectName(u"phoneMessage")
        self.phoneMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.phoneMessage, 11, 1, 1, 1)

        self.emailLabel = QLabel(self.identityHost)
        self.emailLabel.setObjectName(u"emailLabel")

        self.identityGrid.addWidget(self.emailLabel, 12, 0, 1, 1)

        self.emailEdit = QLineEdit(self.identityHost)
        self.emailEdit.setObjectName(u"emailEdit")

        self.identityGrid.addWidget(self.emailEdit, 12, 1, 1, 1)

        self.emailMessage = QLabel(self.identityHost)
        self.emailMessage.setObjectName(u"emailMessage")
        self.emailMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.emailMessage, 13, 1, 1, 1)

        self.streetLabel = QLabel(self.identityHost)
        self.streetLabel.setObjectName(u"streetLabel")

        self.identityGrid.addWidget(self.streetLabel, 14, 0, 1, 1)

        self.streetEdit = QLineEdit(self.identityHost)
        self.streetEdit.setObjectName(u"streetEdit")

        self.identityGrid.addWidget(self.streetEdit, 14, 1, 1, 1)

        self.streetMessage = QLabel(self.identityHost)
        self.streetMessage.setObjectName(u"streetMessage")
        self.streetMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.streetMessage, 15, 1, 1, 1)

        self.postalCodeLabel = QLabel(self.identityHost)
        self.postalCodeLabel.setObjectName(u"postalCodeLabel")

        self.identityGrid.addWidget(self.postalCodeLabel, 16, 0, 1, 1)

        self.postalCodeEdit = QLineEdit(self.identityHost)
        self.postalCodeEdit.setObjectName(u"postalCodeEdit")
        self.postalCodeEdit.setPlaceholderText(u"1000")

        self.identityGrid.addWidget(self.postalCodeEdit, 16, 1, 1, 1)

        self.postalCodeMessage = QLabel(self.identityHost)
        self.postalCodeMessage.setObjectName(u"postalCodeMessage")
        self.postalCodeMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.postalCodeMessage, 17, 1, 1, 1)

        self.communeLabel = QLabel(self.identityHost)
        self.communeLabel.setObjectName(u"communeLabel")

        self.identityGrid.addWidget(self.communeLabel, 18, 0, 1, 1)

        self.communeCombo = QComboBox(self.identityHost)
        self.communeCombo.setObjectName(u"communeCombo")
        self.communeCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.identityGrid.addWidget(self.communeCombo, 18, 1, 1, 1)

        self.communeMessage = QLabel(self.identityHost)
        self.communeMessage.setObjectName(u"communeMessage")
        self.communeMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.communeMessage, 19, 1, 1, 1)

        self.cityLabel = QLabel(self.identityHost)
        self.cityLabel.setObjectName(u"cityLabel")

        self.identityGrid.addWidget(self.cityLabel, 20, 0, 1, 1)

        self.cityEdit = QLineEdit(self.identityHost)
        self.cityEdit.setObjectName(u"cityEdit")

        self.identityGrid.addWidget(self.cityEdit, 20, 1, 1, 1)

        self.cityMessage = QLabel(self.identityHost)
        self.cityMessage.setObjectName(u"cityMessage")
        self.cityMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.cityMessage, 21, 1, 1, 1)

        self.sectorLabel = QLabel(self.identityHost)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.identityGrid.addWidget(self.sectorLabel, 22, 0, 1, 1)

        self.sectorCombo = QComboBox(self.identityHost)
        self.sectorCombo.setObjectName(u"sectorCombo")
        self.sectorCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.identityGrid.addWidget(self.sectorCombo, 22, 1, 1, 1)

        self.sectorMessage = QLabel(self.identityHost)
        self.sectorMessage.setObjectName(u"sectorMessage")
        self.sectorMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.sectorMessage, 23, 1, 1, 1)

        self.languageLabel = QLabel(self.identityHost)
        self.languageLabel.setObjectName(u"languageLabel")

        self.identityGrid.addWidget(self.languageLabel, 24, 0, 1, 1)

        self.languageCombo = QComboBox(self.identityHost)
        self.languageCombo.setObjectName(u"languageCombo")
        self.languageCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.identityGrid.addWidget(self.languageCombo, 24, 1, 1, 1)

        self.languageMessage = QLabel(self.identityHost)
        self.languageMessage.setObjectName(u"languageMessage")
        self.languageMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.languageMessage, 25, 1, 1, 1)

        self.managerLabel = QLabel(self.identityHost)
        self.managerLabel.setObjectName(u"managerLabel")

        self.identityGrid.addWidget(self.managerLabel, 26, 0, 1, 1)

        self.managerEdit = QLineEdit(self.identityHost)
        self.managerEdit.setObjectName(u"managerEdit")

        self.identityGrid.addWidget(self.managerEdit, 26, 1, 1, 1)

        self.managerMessage = QLabel(self.identityHost)
        self.managerMessage.setObjectName(u"managerMessage")
        self.managerMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.managerMessage, 27, 1, 1, 1)

        self.naceLabel = QLabel(self.identityHost)
        self.naceLabel.setObjectName(u"naceLabel")

        self.identityGrid.addWidget(self.naceLabel, 28, 0, 1, 1)

        self.naceEdit = QLineEdit(self.identityHost)
        self.naceEdit.setObjectName(u"naceEdit")
        self.naceEdit.setPlaceholderText(u"56.101, 47.240")

        self.identityGrid.addWidget(self.naceEdit, 28, 1, 1, 1)

        self.naceMessage = QLabel(self.identityHost)
        self.naceMessage.setObjectName(u"naceMessage")
        self.naceMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.naceMessage, 29, 1, 1, 1)

        self.headcountLabel = QLabel(self.identityHost)
        self.headcountLabel.setObjectName(u"headcountLabel")

        self.identityGrid.addWidget(self.headcountLabel, 30, 0, 1, 1)

        self.headcountEdit = QLineEdit(self.identityHost)
        self.headcountEdit.setObjectName(u"headcountEdit")

        self.identityGrid.addWidget(self.headcountEdit, 30, 1, 1, 1)

        self.headcountMessage = QLabel(self.identityHost)
        self.headcountMessage.setObjectName(u"headcountMessage")
        self.headcountMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.headcountMessage, 31, 1, 1, 1)

        self.turnoverLabel = QLabel(self.identityHost)
        self.turnoverLabel.setObjectName(u"turnoverLabel")

        self.identityGrid.addWidget(self.turnoverLabel, 32, 0, 1, 1)

        self.turnoverEdit = QLineEdit(self.identityHost)
        self.turnoverEdit.setObjectName(u"turnoverEdit")

        self.identityGrid.addWidget(self.turnoverEdit, 32, 1, 1, 1)

        self.turnoverMessage = QLabel(self.identityHost)
        self.turnoverMessage.setObjectName(u"turnoverMessage")
        self.turnoverMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.turnoverMessage, 33, 1, 1, 1)

        self.balanceLabel = QLabel(self.identityHost)
        self.balanceLabel.setObjectName(u"balanceLabel")

        self.identityGrid.addWidget(self.balanceLabel, 34, 0, 1, 1)

        self.balanceEdit = QLineEdit(self.identityHost)
        self.balanceEdit.setObjectName(u"balanceEdit")

        self.identityGrid.addWidget(self.balanceEdit, 34, 1, 1, 1)

        self.balanceMessage = QLabel(self.identityHost)
        self.balanceMessage.setObjectName(u"balanceMessage")
        self.balanceMessage.setWordWrap(True)

        self.identityGrid.addWidget(self.balanceMessage, 35, 1, 1, 1)

        self.smeLabel = QLabel(self.identityHost)
        self.smeLabel.setObjectName(u"smeLabel")

        self.identityGrid.addWidget(self.smeLabel, 36, 0, 1, 1)

        self.smeValue = QLabel(self.identityHost)
        self.smeValue.setObjectName(u"smeValue")
        self.smeValue.setWordWrap(True)

        self.identityGrid.addWidget(self.smeValue, 36, 1, 1, 1)

        self.identitySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.identityGrid.addItem(self.identitySpacer, 37, 0, 1, 2)

        self.identityGrid.setRowStretch(37, 1)
        self.identityGrid.setColumnStretch(1, 1)
        self.identityArea.setWidget(self.identityHost)

        self.identityLayout.addWidget(self.identityArea)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.saveStatus = QLabel(self.identityTab)
        self.saveStatus.setObjectName(u"saveStatus")
        self.saveStatus.setWordWrap(True)

        self.saveRow.addWidget(self.saveStatus)

        self.revertButton = QPushButton(self.identityTab)
        self.revertButton.setObjectName(u"revertButton")

        self.saveRow.addWidget(self.revertButton)

        self.saveButton = QPushButton(self.identityTab)
        self.saveButton.setObjectName(u"saveButton")

        self.saveRow.addWidget(self.saveButton)

        self.saveRow.setStretch(0, 1)

        self.identityLayout.addLayout(self.saveRow)

        self.tabs.addTab(self.identityTab, "")
        self.contactsTab = QWidget()
        self.contactsTab.setObjectName(u"contactsTab")
        self.contactsLayout = QVBoxLayout(self.contactsTab)
        self.contactsLayout.setObjectName(u"contactsLayout")
        self.contactTable = QTableWidget(self.contactsTab)
        if (self.contactTable.columnCount() < 4):
            self.contactTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.contactTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.contactTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.contactTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.contactTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.contactTable.setObjectName(u"contactTable")
        self.contactTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contactTable.setAlternatingRowColors(True)
        self.contactTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.contactsLayout.addWidget(self.contactTable)

        self.contactButtons = QHBoxLayout()
        self.contactButtons.setObjectName(u"contactButtons")
        self.addContactButton = QPushButton(self.contactsTab)
        self.addContactButton.setObjectName(u"addContactButton")

        self.contactButtons.addWidget(self.addContactButton)

        self.contactSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.contactButtons.addItem(self.contactSpacer)


        self.contactsLayout.addLayout(self.contactButtons)

        self.tabs.addTab(self.contactsTab, "")
        self.casesTab = QWidget()
        self.casesTab.setObjectName(u"casesTab")
        self.casesLayout = QVBoxLayout(self.casesTab)
        self.casesLayout.setObjectName(u"casesLayout")
        self.caseTable = QTableWidget(self.casesTab)
        if (self.caseTable.columnCount() < 4):
            self.caseTable.setColumnCount(4)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.caseTable.setHorizontalHeaderItem(0, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.caseTable.setHorizontalHeaderItem(1, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.caseTable.setHorizontalHeaderItem(2, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.caseTable.setHorizontalHeaderItem(3, __qtablewidgetitem7)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.casesLayout.addWidget(self.caseTable)

        self.tabs.addTab(self.casesTab, "")

        self.enterpriseLayout.addWidget(self.tabs)

        self.enterpriseLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.numberLabel.setBuddy(self.numberEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.legalFormLabel.setBuddy(self.legalFormEdit)
        self.vatLabel.setBuddy(self.vatEdit)
        self.ibanLabel.setBuddy(self.ibanEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.streetLabel.setBuddy(self.streetEdit)
        self.postalCodeLabel.setBuddy(self.postalCodeEdit)
        self.communeLabel.setBuddy(self.communeCombo)
        self.cityLabel.setBuddy(self.cityEdit)
        self.sectorLabel.setBuddy(self.sectorCombo)
        self.languageLabel.setBuddy(self.languageCombo)
        self.managerLabel.setBuddy(self.managerEdit)
        self.naceLabel.setBuddy(self.naceEdit)
        self.headcountLabel.setBuddy(self.headcountEdit)
        self.turnoverLabel.setBuddy(self.turnoverEdit)
        self.balanceLabel.setBuddy(self.balanceEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.newCaseButton, self.tabs)
        QWidget.setTabOrder(self.tabs, self.numberEdit)
        QWidget.setTabOrder(self.numberEdit, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.legalFormEdit)
        QWidget.setTabOrder(self.legalFormEdit, self.vatEdit)
        QWidget.setTabOrder(self.vatEdit, self.ibanEdit)
        QWidget.setTabOrder(self.ibanEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.streetEdit)
        QWidget.setTabOrder(self.streetEdit, self.postalCodeEdit)
        QWidget.setTabOrder(self.postalCodeEdit, self.communeCombo)
        QWidget.setTabOrder(self.communeCombo, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.sectorCombo)
        QWidget.setTabOrder(self.sectorCombo, self.languageCombo)
        QWidget.setTabOrder(self.languageCombo, self.managerEdit)
        QWidget.setTabOrder(self.managerEdit, self.naceEdit)
        QWidget.setTabOrder(self.naceEdit, self.headcountEdit)
        QWidget.setTabOrder(self.headcountEdit, self.turnoverEdit)
        QWidget.setTabOrder(self.turnoverEdit, self.balanceEdit)
        QWidget.setTabOrder(self.balanceEdit, self.revertButton)
        QWidget.setTabOrder(self.revertButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.contactTable)
        QWidget.setTabOrder(self.contactTable, self.addContactButton)
        QWidget.setTabOrder(self.addContactButton, self.caseTable)

        self.retranslateUi(EnterpriseView)

        self.tabs.setCurrentIndex(0)
        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(EnterpriseView)
    # setupUi

    def retranslateUi(self, EnterpriseView):
        self.newCaseButton.setText(QCoreApplication.translate("EnterpriseView", u"New &case\u2026", None))
        self.numberLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Enterprise number:", None))
        self.nameLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Name:", None))
        self.legalFormLabel.setText(QCoreApplication.translate("EnterpriseView", u"Le&gal form:", None))
        self.vatLabel.setText(QCoreApplication.translate("EnterpriseView", u"&VAT number:", None))
        self.ibanLabel.setText(QCoreApplication.translate("EnterpriseView", u"&IBAN:", None))
        self.phoneLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Phone:", None))
        self.emailLabel.setText(QCoreApplication.translate("EnterpriseView", u"E-&mail:", None))
        self.streetLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Street and number:", None))
        self.postalCodeLabel.setText(QCoreApplication.translate("EnterpriseView", u"Postal &code:", None))
        self.communeLabel.setText(QCoreApplication.translate("EnterpriseView", u"C&ommune:", None))
        self.cityLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Locality:", None))
        self.sectorLabel.setText(QCoreApplication.translate("EnterpriseView", u"Sec&tor:", None))
        self.languageLabel.setText(QCoreApplication.translate("EnterpriseView", u"Lang&uage:", None))
        self.managerLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Account manager:", None))
        self.naceLabel.setText(QCoreApplication.translate("EnterpriseView", u"NACE co&des:", None))
        self.headcountLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Headcount (annual work units):", None))
        self.turnoverLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Turnover (\u20ac):", None))
        self.balanceLabel.setText(QCoreApplication.translate("EnterpriseView", u"&Balance sheet total (\u20ac):", None))
        self.smeLabel.setText(QCoreApplication.translate("EnterpriseView", u"SME size:", None))
        self.revertButton.setText(QCoreApplication.translate("EnterpriseView", u"&Undo changes", None))
        self.saveButton.setText(QCoreApplication.translate("EnterpriseView", u"&Save", None))
        self.tabs.setTabText(self.tabs.indexOf(self.identityTab), QCoreApplication.translate("EnterpriseView", u"&Identity", None))
        ___qtablewidgetitem = self.contactTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("EnterpriseView", u"Name", None))
        ___qtablewidgetitem1 = self.contactTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("EnterpriseView", u"Role", None))
        ___qtablewidgetitem2 = self.contactTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("EnterpriseView", u"Phone", None))
        ___qtablewidgetitem3 = self.contactTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("EnterpriseView", u"E-mail", None))
#if QT_CONFIG(accessibility)
        self.contactTable.setAccessibleName(QCoreApplication.translate("EnterpriseView", u"Contacts", None))
#endif // QT_CONFIG(accessibility)
        self.addContactButton.setText(QCoreApplication.translate("EnterpriseView", u"&Add a contact\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.contactsTab), QCoreApplication.translate("EnterpriseView", u"C&ontacts", None))
        ___qtablewidgetitem4 = self.caseTable.horizontalHeaderItem(0)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("EnterpriseView", u"Reference", None))
        ___qtablewidgetitem5 = self.caseTable.horizontalHeaderItem(1)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("EnterpriseView", u"Title", None))
        ___qtablewidgetitem6 = self.caseTable.horizontalHeaderItem(2)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("EnterpriseView", u"Kind", None))
        ___qtablewidgetitem7 = self.caseTable.horizontalHeaderItem(3)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("EnterpriseView", u"Status", None))
#if QT_CONFIG(accessibility)
        self.caseTable.setAccessibleName(QCoreApplication.translate("EnterpriseView", u"Cases of this enterprise", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.casesTab), QCoreApplication.translate("EnterpriseView", u"Ca&ses", None))
        pass
    # retranslateUi

