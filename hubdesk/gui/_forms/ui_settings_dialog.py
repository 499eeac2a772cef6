# Generated from ui/settings_dialog.ui by pyside6-uic; do not edit by hand.
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(520, 380)
        self.settingsLayout = QVBoxLayout(SettingsDialog)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.settingsForm = QFormLayout()
        self.settingsForm.setObjectName(u"settingsForm")
        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.settingsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(SettingsDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.settingsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.serverLabel = QLabel(SettingsDialog)
        self.serverLabel.setObjectName(u"serverLabel")

        self.settingsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverEdit = QLineEdit(SettingsDialog)
        self.serverEdit.setObjectName(u"serverEdit")
        self.serverEdit.setPlaceholderText(u"https://hubdesk.example.brussels")

        self.settingsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.serverEdit)

        self.intervalLabel = QLabel(SettingsDialog)
        self.intervalLabel.setObjectName(u"intervalLabel")

        self.settingsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.intervalLabel)

        self.intervalSpin = QSpinBox(SettingsDialog)
        self.intervalSpin.setObjectName(u"intervalSpin")
        self.intervalSpin.setMinimum(1)
        self.intervalSpin.setMaximum(1440)
        self.intervalSpin.setValue(15)

        self.settingsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.intervalSpin)

        self.folderLabel = QLabel(SettingsDialog)
        self.folderLabel.setObjectName(u"folderLabel")

        self.settingsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.folderLabel)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.folderEdit = QLineEdit(SettingsDialog)
        self.folderEdit.setObjectName(u"folderEdit")

        self.folderRow.addWidget(self.folderEdit)

        self.folderButton = QPushButton(SettingsDialog)
        self.folderButton.setObjectName(u"folderButton")

        self.folderRow.addWidget(self.folderButton)


        self.settingsForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.folderRow)

        self.advisorNameLabel = QLabel(SettingsDialog)
        self.advisorNameLabel.setObjectName(u"advisorNameLabel")

        self.settingsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.advisorNameLabel)

        self.advisorNameEdit = QLineEdit(SettingsDialog)
        self.advisorNameEdit.setObjectName(u"advisorNameEdit")

        self.settingsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.advisorNameEdit)

        self.advisorEmailLabel = QLabel(SettingsDialog)
        self.advisorEmailLabel.setObjectName(u"advisorEmailLabel")

        self.settingsForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.advisorEmailLabel)

        self.advisorEmailEdit = QLineEdit(SettingsDialog)
        self.advisorEmailEdit.setObjectName(u"advisorEmailEdit")

        self.settingsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.advisorEmailEdit)

        self.advisorPhoneLabel = QLabel(SettingsDialog)
        self.advisorPhoneLabel.setObjectName(u"advisorPhoneLabel")

        self.settingsForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.advisorPhoneLabel)

        self.advisorPhoneEdit = QLineEdit(SettingsDialog)
        self.advisorPhoneEdit.setObjectName(u"advisorPhoneEdit")

        self.settingsForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.advisorPhoneEdit)


        self.settingsLayout.addLayout(self.settingsForm)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.settingsLayout.addWidget(self.errorLabel)

        self.settingsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.settingsLayout.addItem(self.settingsSpacer)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.settingsLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.serverLabel.setBuddy(self.serverEdit)
        self.intervalLabel.setBuddy(self.intervalSpin)
        self.folderLabel.setBuddy(self.folderEdit)
        self.advisorNameLabel.setBuddy(self.advisorNameEdit)
        self.advisorEmailLabel.setBuddy(self.advisorEmailEdit)
        self.advisorPhoneLabel.setBuddy(self.advisorPhoneEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.languageCombo, self.serverEdit)
        QWidget.setTabOrder(self.serverEdit, self.intervalSpin)
        QWidget.setTabOrder(self.intervalSpin, self.folderEdit)
        QWidget.setTabOrder(self.folderEdit, self.folderButton)
        QWidget.setTabOrder(self.folderButton, self.advisorNameEdit)
        QWidget.setTabOrder(self.advisorNameEdit, self.advisorEmailEdit)
        QWidget.setTabOrder(self.advisorEmailEdit, self.advisorPhoneEdit)

        self.retranslateUi(SettingsDialog)
        self.buttonBox.accepted.connect(SettingsDialog.accept)
        self.buttonBox.rejected.connect(SettingsDialog.reject)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Language:", None))
        self.serverLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Server:", None))
        self.intervalLabel.setText(QCoreApplication.translate("SettingsDialog", u"Sync &every:", None))
        self.intervalSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min", None))
        self.folderLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Data folder:", None))
        self.folderButton.setText(QCoreApplication.translate("SettingsDialog", u"&Browse\u2026", None))
        self.advisorNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"Your &name (printed on dossiers):", None))
        self.advisorEmailLabel.setText(QCoreApplication.translate("SettingsDialog", u"Your e-&mail:", None))
        self.advisorPhoneLabel.setText(QCoreApplication.translate("SettingsDialog", u"Your &phone:", None))
    # retranslateUi

