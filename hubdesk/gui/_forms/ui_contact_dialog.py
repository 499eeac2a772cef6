# Generated from ui/contact_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ContactDialog(object):
    def setupUi(self, ContactDialog):
        if not ContactDialog.objectName():
            ContactDialog.setObjectName(u"ContactDialog")
        ContactDialog.resize(460, 260)
        self.contactLayout = QVBoxLayout(ContactDialog)
        self.contactLayout.setObjectName(u"contactLayout")
        self.contactForm = QFormLayout()
        self.contactForm.setObjectName(u"contactForm")
        self.nameLabel = QLabel(ContactDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.contactForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(ContactDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.contactForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.roleLabel = QLabel(ContactDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.contactForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleEdit = QLineEdit(ContactDialog)
        self.roleEdit.setObjectName(u"roleEdit")

        self.contactForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleEdit)

        self.phoneLabel = QLabel(ContactDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.contactForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(ContactDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.contactForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(ContactDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.contactForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(ContactDialog)
        self.emailEdit.setObjectName(u"emailEdit")

        self.contactForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.emailEdit)


        self.contactLayout.addLayout(self.contactForm)

        self.errorLabel = QLabel(ContactDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.contactLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ContactDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.contactLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.roleLabel.setBuddy(self.roleEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.roleEdit)
        QWidget.setTabOrder(self.roleEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)

        self.retranslateUi(ContactDialog)
        self.buttonBox.accepted.connect(ContactDialog.accept)
        self.buttonBox.rejected.connect(ContactDialog.reject)

        QMetaObject.connectSlotsByName(ContactDialog)
    # setupUi

    def retranslateUi(self, ContactDialog):
        ContactDialog.setWindowTitle(QCoreApplication.translate("ContactDialog", u"Add a contact", None))
        self.nameLabel.setText(QCoreApplication.translate("ContactDialog", u"&Name:", None))
        self.roleLabel.setText(QCoreApplication.translate("ContactDialog", u"&Role:", None))
        self.phoneLabel.setText(QCoreApplication.translate("ContactDialog", u"&Phone:", None))
        self.emailLabel.setText(QCoreApplication.translate("ContactDialog", u"E-&mail:", None))
    # retranslateUi

