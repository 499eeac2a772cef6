# Generated from ui/dossier_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_DossierDialog(object):
    def setupUi(self, DossierDialog):
        if not DossierDialog.objectName():
            DossierDialog.setObjectName(u"DossierDialog")
        DossierDialog.resize(900, 860)
        self.dossierLayout = QVBoxLayout(DossierDialog)
        self.dossierLayout.setObjectName(u"dossierLayout")
        self.dossierToolbar = QHBoxLayout()
        self.dossierToolbar.setObjectName(u"dossierToolbar")
        self.languageLabel = QLabel(DossierDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.dossierToolbar.addWidget(self.languageLabel)

        self.languageCombo = QComboBox(DossierDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.dossierToolbar.addWidget(self.languageCombo)

        self.statusLabel = QLabel(DossierDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.dossierToolbar.addWidget(self.statusLabel)

        self.dossierSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dossierToolbar.addItem(self.dossierSpacer)

        self.printButton = QPushButton(DossierDialog)
        self.printButton.setObjectName(u"printButton")

        self.dossierToolbar.addWidget(self.printButton)

        self.saveButton = QPushButton(DossierDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.dossierToolbar.addWidget(self.saveButton)

        self.closeButton = QPushButton(DossierDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.dossierToolbar.addWidget(self.closeButton)


        self.dossierLayout.addLayout(self.dossierToolbar)

        self.pdfView = QPdfView(DossierDialog)
        self.pdfView.setObjectName(u"pdfView")

        self.dossierLayout.addWidget(self.pdfView)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.languageCombo, self.printButton)
        QWidget.setTabOrder(self.printButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.closeButton)
        QWidget.setTabOrder(self.closeButton, self.pdfView)

        self.retranslateUi(DossierDialog)

        QMetaObject.connectSlotsByName(DossierDialog)
    # setupUi

    def retranslateUi(self, DossierDialog):
        DossierDialog.setWindowTitle(QCoreApplication.translate("DossierDialog", u"Dossier", None))
        self.languageLabel.setText(QCoreApplication.translate("DossierDialog", u"&Language:", None))
        self.printButton.setText(QCoreApplication.translate("DossierDialog", u"&Print\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("DossierDialog", u"&Save as PDF\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("DossierDialog", u"&Close", None))
#if QT_CONFIG(accessibility)
        self.pdfView.setAccessibleName(QCoreApplication.translate("DossierDialog", u"Dossier preview", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

