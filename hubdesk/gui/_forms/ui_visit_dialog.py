# Generated from ui/visit_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_VisitDialog(object):
    def setupUi(self, VisitDialog):
        if not VisitDialog.objectName():
            VisitDialog.setObjectName(u"VisitDialog")
        VisitDialog.resize(520, 400)
        self.visitLayout = QVBoxLayout(VisitDialog)
        self.visitLayout.setObjectName(u"visitLayout")
        self.visitForm = QFormLayout()
        self.visitForm.setObjectName(u"visitForm")
        self.channelLabel = QLabel(VisitDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.visitForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelCombo = QComboBox(VisitDialog)
        self.channelCombo.setObjectName(u"channelCombo")

        self.visitForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.channelCombo)

        self.whenLabel = QLabel(VisitDialog)
        self.whenLabel.setObjectName(u"whenLabel")

        self.visitForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.whenLabel)

        self.whenEdit = QDateTimeEdit(VisitDialog)
        self.whenEdit.setObjectName(u"whenEdit")
        self.whenEdit.setCalendarPopup(True)

        self.visitForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.whenEdit)

        self.placeLabel = QLabel(VisitDialog)
        self.placeLabel.setObjectName(u"placeLabel")

        self.visitForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeEdit = QLineEdit(VisitDialog)
        self.placeEdit.setObjectName(u"placeEdit")

        self.visitForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.placeEdit)

        self.notesLabel = QLabel(VisitDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.visitForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(VisitDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.visitForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.visitLayout.addLayout(self.visitForm)

        self.errorLabel = QLabel(VisitDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.visitLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(VisitDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.visitLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.channelLabel.setBuddy(self.channelCombo)
        self.whenLabel.setBuddy(self.whenEdit)
        self.placeLabel.setBuddy(self.placeEdit)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.channelCombo, self.whenEdit)
        QWidget.setTabOrder(self.whenEdit, self.placeEdit)
        QWidget.setTabOrder(self.placeEdit, self.notesEdit)

        self.retranslateUi(VisitDialog)
        self.buttonBox.accepted.connect(VisitDialog.accept)
        self.buttonBox.rejected.connect(VisitDialog.reject)

        QMetaObject.connectSlotsByName(VisitDialog)
    # setupUi

    def retranslateUi(self, VisitDialog):
        VisitDialog.setWindowTitle(QCoreApplication.translate("VisitDialog", u"Add a visit", None))
        self.channelLabel.setText(QCoreApplication.translate("VisitDialog", u"&How:", None))
        self.whenLabel.setText(QCoreApplication.translate("VisitDialog", u"&When:", None))
        self.placeLabel.setText(QCoreApplication.translate("VisitDialog", u"&Place:", None))
        self.notesLabel.setText(QCoreApplication.translate("VisitDialog", u"&Notes:", None))
    # retranslateUi

