# Generated from ui/login_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        LoginDialog.resize(460, 320)
        self.loginLayout = QVBoxLayout(LoginDialog)
        self.loginLayout.setObjectName(u"loginLayout")
        self.intro = QLabel(LoginDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.loginLayout.addWidget(self.intro)

        self.loginForm = QFormLayout()
        self.loginForm.setObjectName(u"loginForm")
        self.serverLabel = QLabel(LoginDialog)
        self.serverLabel.setObjectName(u"serverLabel")

        self.loginForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverEdit = QLineEdit(LoginDialog)
        self.serverEdit.setObjectName(u"serverEdit")
        self.serverEdit.setPlaceholderText(u"https://hubdesk.example.brussels")

        self.loginForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.serverEdit)

        self.userLabel = QLabel(LoginDialog)
        self.userLabel.setObjectName(u"userLabel")

        self.loginForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.userEdit = QLineEdit(LoginDialog)
        self.userEdit.setObjectName(u"userEdit")

        self.loginForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.userEdit)

        self.passwordLabel = QLabel(LoginDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.loginForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(LoginDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.loginForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.loginLayout.addLayout(self.loginForm)

        self.keyringNotice = QLabel(LoginDialog)
        self.keyringNotice.setObjectName(u"keyringNotice")
        self.keyringNotice.setWordWrap(True)

        self.loginLayout.addWidget(self.keyringNotice)

        self.sessionOnlyCheck = QCheckBox(LoginDialog)
        self.sessionOnlyCheck.setObjectName(u"sessionOnlyCheck")

        self.loginLayout.addWidget(self.sessionOnlyCheck)

        self.errorLabel = QLabel(LoginDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.loginLayout.addWidget(self.errorLabel)

        self.loginSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.loginLayout.addItem(self.loginSpacer)

        self.buttonBox = QDialogButtonBox(LoginDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.loginLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.serverLabel.setBuddy(self.serverEdit)
        self.userLabel.setBuddy(self.userEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.serverEdit, self.userEdit)
        QWidget.setTabOrder(self.userEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.sessionOnlyCheck)

        self.retranslateUi(LoginDialog)
        self.buttonBox.accepted.connect(LoginDialog.accept)
        self.buttonBox.rejected.connect(LoginDialog.reject)

        QMetaObject.connectSlotsByName(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"Log in to the HubDesk server", None))
        self.intro.setText(QCoreApplication.translate("LoginDialog", u"Your password is sent once to the server; HubDesk then keeps only a device token, in this computer's password keyring.", None))
        self.serverLabel.setText(QCoreApplication.translate("LoginDialog", u"&Server:", None))
        self.userLabel.setText(QCoreApplication.translate("LoginDialog", u"&User name:", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginDialog", u"&Password:", None))
        self.keyringNotice.setText(QCoreApplication.translate("LoginDialog", u"This computer has no password keyring, so HubDesk cannot remember your login safely. It will not write it to a file: you will be asked to log in again each time you start HubDesk.", None))
        self.sessionOnlyCheck.setText(QCoreApplication.translate("LoginDialog", u"I understand: log in for this session only", None))
    # retranslateUi

