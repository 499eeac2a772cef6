# Generated from ui/conflict_dialog.ui by pyside6-uic; do not edit by hand.
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
    QGridLayout, QGroupBox, QLabel, QPlainTextEdit,
    QRadioButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ConflictDialog(object):
    def setupUi(self, ConflictDialog):
        if not ConflictDialog.objectName():
            ConflictDialog.setObjectName(u"ConflictDialog")
        ConflictDialog.resize(860, 480)
        self.conflictLayout = QVBoxLayout(ConflictDialog)
        self.conflictLayout.setObjectName(u"conflictLayout")
        self.description = QLabel(ConflictDialog)
        self.description.setObjectName(u"description")
        self.description.setWordWrap(True)

        self.conflictLayout.addWidget(self.description)

        self.versionsGrid = QGridLayout()
        self.versionsGrid.setObjectName(u"versionsGrid")
        self.baseLabel = QLabel(ConflictDialog)
        self.baseLabel.setObjectName(u"baseLabel")

        self.versionsGrid.addWidget(self.baseLabel, 0, 0, 1, 1)

        self.mineLabel = QLabel(ConflictDialog)
        self.mineLabel.setObjectName(u"mineLabel")

        self.versionsGrid.addWidget(self.mineLabel, 0, 1, 1, 1)

        self.theirsLabel = QLabel(ConflictDialog)
        self.theirsLabel.setObjectName(u"theirsLabel")

        self.versionsGrid.addWidget(self.theirsLabel, 0, 2, 1, 1)

        self.baseText = QPlainTextEdit(ConflictDialog)
        self.baseText.setObjectName(u"baseText")
        self.baseText.setReadOnly(True)

        self.versionsGrid.addWidget(self.baseText, 1, 0, 1, 1)

        self.mineText = QPlainTextEdit(ConflictDialog)
        self.mineText.setObjectName(u"mineText")
        self.mineText.setReadOnly(True)

        self.versionsGrid.addWidget(self.mineText, 1, 1, 1, 1)

        self.theirsText = QPlainTextEdit(ConflictDialog)
        self.theirsText.setObjectName(u"theirsText")
        self.theirsText.setReadOnly(True)

        self.versionsGrid.addWidget(self.theirsText, 1, 2, 1, 1)

        self.baseAuthor = QLabel(ConflictDialog)
        self.baseAuthor.setObjectName(u"baseAuthor")
        self.baseAuthor.setWordWrap(True)

        self.versionsGrid.addWidget(self.baseAuthor, 2, 0, 1, 1)

        self.mineAuthor = QLabel(ConflictDialog)
        self.mineAuthor.setObjectName(u"mineAuthor")
        self.mineAuthor.setWordWrap(True)

        self.versionsGrid.addWidget(self.mineAuthor, 2, 1, 1, 1)

        self.theirsAuthor = QLabel(ConflictDialog)
        self.theirsAuthor.setObjectName(u"theirsAuthor")
        self.theirsAuthor.setWordWrap(True)

        self.versionsGrid.addWidget(self.theirsAuthor, 2, 2, 1, 1)


        self.conflictLayout.addLayout(self.versionsGrid)

        self.choiceBox = QGroupBox(ConflictDialog)
        self.choiceBox.setObjectName(u"choiceBox")
        self.choiceLayout = QVBoxLayout(self.choiceBox)
        self.choiceLayout.setObjectName(u"choiceLayout")
        self.keepMine = QRadioButton(self.choiceBox)
        self.keepMine.setObjectName(u"keepMine")
        self.keepMine.setChecked(True)

        self.choiceLayout.addWidget(self.keepMine)

        self.keepTheirs = QRadioButton(self.choiceBox)
        self.keepTheirs.setObjectName(u"keepTheirs")

        self.choiceLayout.addWidget(self.keepTheirs)

        self.keepOther = QRadioButton(self.choiceBox)
        self.keepOther.setObjectName(u"keepOther")

        self.choiceLayout.addWidget(self.keepOther)

        self.otherText = QPlainTextEdit(self.choiceBox)
        self.otherText.setObjectName(u"otherText")
        self.otherText.setMaximumSize(QSize(16777215, 90))

        self.choiceLayout.addWidget(self.otherText)


        self.conflictLayout.addWidget(self.choiceBox)

        self.buttonBox = QDialogButtonBox(ConflictDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.conflictLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.baseLabel.setBuddy(self.baseText)
        self.mineLabel.setBuddy(self.mineText)
        self.theirsLabel.setBuddy(self.theirsText)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.baseText, self.mineText)
        QWidget.setTabOrder(self.mineText, self.theirsText)
        QWidget.setTabOrder(self.theirsText, self.keepMine)
        QWidget.setTabOrder(self.keepMine, self.keepTheirs)
        QWidget.setTabOrder(self.keepTheirs, self.keepOther)
        QWidget.setTabOrder(self.keepOther, self.otherText)

        self.retranslateUi(ConflictDialog)
        self.buttonBox.accepted.connect(ConflictDialog.accept)
        self.buttonBox.rejected.connect(ConflictDialog.reject)

        QMetaObject.connectSlotsByName(ConflictDialog)
    # setupUi

    def retranslateUi(self, ConflictDialog):
        ConflictDialog.setWindowTitle(QCoreApplication.translate("ConflictDialog", u"Resolve a conflict", None))
        self.baseLabel.setText(QCoreApplication.translate("ConflictDialog", u"&Before both changes", None))
        self.mineLabel.setText(QCoreApplication.translate("ConflictDialog", u"&Mine", None))
        self.theirsLabel.setText(QCoreApplication.translate("ConflictDialog", u"&Theirs", None))
        self.choiceBox.setTitle(QCoreApplication.translate("ConflictDialog", u"Keep", None))
        self.keepMine.setText(QCoreApplication.translate("ConflictDialog", u"M&y value", None))
        self.keepTheirs.setText(QCoreApplication.translate("ConflictDialog", u"T&heir value", None))
        self.keepOther.setText(QCoreApplication.translate("ConflictDialog", u"&Another value, written below:", None))
    # retranslateUi

