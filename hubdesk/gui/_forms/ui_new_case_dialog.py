# Generated from ui/new_case_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_NewCaseDialog(object):
    def setupUi(self, NewCaseDialog):
        if not NewCaseDialog.objectName():
            NewCaseDialog.setObjectName(u"NewCaseDialog")
        NewCaseDialog.resize(520, 360)
        self.newCaseLayout = QVBoxLayout(NewCaseDialog)
        self.newCaseLayout.setObjectName(u"newCaseLayout")
        self.newCaseForm = QFormLayout()
        self.newCaseForm.setObjectName(u"newCaseForm")
        self.enterpriseLabel = QLabel(NewCaseDialog)
        self.enterpriseLabel.setObjectName(u"enterpriseLabel")

        self.newCaseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.enterpriseLabel)

        self.enterpriseEdit = QLineEdit(NewCaseDialog)
        self.enterpriseEdit.setObjectName(u"enterpriseEdit")
        self.enterpriseEdit.setPlaceholderText(u"0403.019.261")

        self.newCaseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.enterpriseEdit)

        self.enterpriseMessage = QLabel(NewCaseDialog)
        self.enterpriseMessage.setObjectName(u"enterpriseMessage")
        self.enterpriseMessage.setWordWrap(True)

        self.newCaseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.enterpriseMessage)

        self.titleLabel = QLabel(NewCaseDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.newCaseForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(NewCaseDialog)
        self.titleEdit.setObjectName(u"titleEdit")

        self.newCaseForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.kindLabel = QLabel(NewCaseDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.newCaseForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(NewCaseDialog)
        self.kindCombo.setObjectName(u"kindCombo")

        self.newCaseForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.postLabel = QLabel(NewCaseDialog)
        self.postLabel.setObjectName(u"postLabel")

        self.newCaseForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.postLabel)

        self.postCombo = QComboBox(NewCaseDialog)
        self.postCombo.setObjectName(u"postCombo")

        self.newCaseForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.postCombo)

        self.managerLabel = QLabel(NewCaseDialog)
        self.managerLabel.setObjectName(u"managerLabel")

        self.newCaseForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.managerLabel)

        self.managerEdit = QLineEdit(NewCaseDialog)
        self.managerEdit.setObjectName(u"managerEdit")

        self.newCaseForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.managerEdit)

        self.dueLabel = QLabel(NewCaseDialog)
        self.dueLabel.setObjectName(u"dueLabel")

        self.newCaseForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.dueLabel)

        self.dueEdit = QLineEdit(NewCaseDialog)
        self.dueEdit.setObjectName(u"dueEdit")

        self.newCaseForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.dueEdit)


        self.newCaseLayout.addLayout(self.newCaseForm)

        self.errorLabel = QLabel(NewCaseDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.newCaseLayout.addWidget(self.errorLabel)

        self.newCaseSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.newCaseLayout.addItem(self.newCaseSpacer)

        self.buttonBox = QDialogButtonBox(NewCaseDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.newCaseLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.enterpriseLabel.setBuddy(self.enterpriseEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.postLabel.setBuddy(self.postCombo)
        self.managerLabel.setBuddy(self.managerEdit)
        self.dueLabel.setBuddy(self.dueEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.enterpriseEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.postCombo)
        QWidget.setTabOrder(self.postCombo, self.managerEdit)
        QWidget.setTabOrder(self.managerEdit, self.dueEdit)

        self.retranslateUi(NewCaseDialog)
        self.buttonBox.accepted.connect(NewCaseDialog.accept)
        self.buttonBox.rejected.connect(NewCaseDialog.reject)

        QMetaObject.connectSlotsByName(NewCaseDialog)
    # setupUi

    def retranslateUi(self, NewCaseDialog):
        NewCaseDialog.setWindowTitle(QCoreApplication.translate("NewCaseDialog", u"New case", None))
        self.enterpriseLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Enterprise number:", None))
        self.titleLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Title:", None))
        self.kindLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Kind:", None))
        self.postLabel.setText(QCoreApplication.translate("NewCaseDialog", u"Attach\u00e9 &post:", None))
        self.managerLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Account manager:", None))
        self.dueLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Due on:", None))
        self.dueEdit.setPlaceholderText(QCoreApplication.translate("NewCaseDialog", u"YYYY-MM-DD (optional)", None))
    # retranslateUi

