# Generated from ui/task_dialog.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_TaskDialog(object):
    def setupUi(self, TaskDialog):
        if not TaskDialog.objectName():
            TaskDialog.setObjectName(u"TaskDialog")
        TaskDialog.resize(440, 200)
        self.taskLayout = QVBoxLayout(TaskDialog)
        self.taskLayout.setObjectName(u"taskLayout")
        self.taskForm = QFormLayout()
        self.taskForm.setObjectName(u"taskForm")
        self.titleLabel = QLabel(TaskDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.taskForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(TaskDialog)
        self.titleEdit.setObjectName(u"titleEdit")

        self.taskForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.hasDueCheck = QCheckBox(TaskDialog)
        self.hasDueCheck.setObjectName(u"hasDueCheck")

        self.taskForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.hasDueCheck)

        self.dueEdit = QDateEdit(TaskDialog)
        self.dueEdit.setObjectName(u"dueEdit")
        self.dueEdit.setCalendarPopup(True)

        self.taskForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dueEdit)


        self.taskLayout.addLayout(self.taskForm)

        self.errorLabel = QLabel(TaskDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.taskLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(TaskDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.taskLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.hasDueCheck)
        QWidget.setTabOrder(self.hasDueCheck, self.dueEdit)

        self.retranslateUi(TaskDialog)
        self.buttonBox.accepted.connect(TaskDialog.accept)
        self.buttonBox.rejected.connect(TaskDialog.reject)

        QMetaObject.connectSlotsByName(TaskDialog)
    # setupUi

    def retranslateUi(self, TaskDialog):
        TaskDialog.setWindowTitle(QCoreApplication.translate("TaskDialog", u"Add a task", None))
        self.titleLabel.setText(QCoreApplication.translate("TaskDialog", u"&Task:", None))
        self.hasDueCheck.setText(QCoreApplication.translate("TaskDialog", u"&Due on:", None))
    # retranslateUi

