# Generated from ui/main_window.ui by pyside6-uic; do not edit by hand.
# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;
# tests/gui/test_generated_forms.py fails when this file is stale.
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QMenu,
    QMenuBar, QPlainTextEdit, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QStatusBar, QTableView, QToolBar, QVBoxLayout,
    QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        MainWindow.setWindowTitle(u"HubDesk")
        self.actionNewCase = QAction(MainWindow)
        self.actionNewCase.setObjectName(u"actionNewCase")
        self.actionNewEnterprise = QAction(MainWindow)
        self.actionNewEnterprise.setObjectName(u"actionNewEnterprise")
        self.actionSave = QAction(MainWindow)
        self.actionSave.setObjectName(u"actionSave")
        self.actionDossier = QAction(MainWindow)
        self.actionDossier.setObjectName(u"actionDossier")
        self.actionPrintDossier = QAction(MainWindow)
        self.actionPrintDossier.setObjectName(u"actionPrintDossier")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionFind = QAction(MainWindow)
        self.actionFind.setObjectName(u"actionFind")
        self.actionGoCases = QAction(MainWindow)
        self.actionGoCases.setObjectName(u"actionGoCases")
#if QT_CONFIG(shortcut)
        self.actionGoCases.setShortcut(u"Ctrl+1")
#endif // QT_CONFIG(shortcut)
        self.actionGoEnterprises = QAction(MainWindow)
        self.actionGoEnterprises.setObjectName(u"actionGoEnterprises")
#if QT_CONFIG(shortcut)
        self.actionGoEnterprises.setShortcut(u"Ctrl+2")
#endif // QT_CONFIG(shortcut)
        self.actionGoTasks = QAction(MainWindow)
        self.actionGoTasks.setObjectName(u"actionGoTasks")
#if QT_CONFIG(shortcut)
        self.actionGoTasks.setShortcut(u"Ctrl+3")
#endif // QT_CONFIG(shortcut)
        self.actionGoConflicts = QAction(MainWindow)
        self.actionGoConflicts.setObjectName(u"actionGoConflicts")
#if QT_CONFIG(shortcut)
        self.actionGoConflicts.setShortcut(u"Ctrl+4")
#endif // QT_CONFIG(shortcut)
        self.actionGoSync = QAction(MainWindow)
        self.actionGoSync.setObjectName(u"actionGoSync")
#if QT_CONFIG(shortcut)
        self.actionGoSync.setShortcut(u"Ctrl+5")
#endif // QT_CONFIG(shortcut)
        self.actionSyncNow = QAction(MainWindow)
        self.actionSyncNow.setObjectName(u"actionSyncNow")
#if QT_CONFIG(shortcut)
        self.actionSyncNow.setShortcut(u"F5")
#endif // QT_CONFIG(shortcut)
        self.actionLogin = QAction(MainWindow)
        self.actionLogin.setObjectName(u"actionLogin")
        self.actionLogout = QAction(MainWindow)
        self.actionLogout.setObjectName(u"actionLogout")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QHBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.mainSplitter = QSplitter(self.centralwidget)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.navigation = QListWidget(self.mainSplitter)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        self.navigation.setObjectName(u"navigation")
        self.navigation.setMinimumSize(QSize(150, 0))
        self.navigation.setMaximumSize(QSize(260, 16777215))
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(2)
        self.mainSplitter.addWidget(self.navigation)
        self.pages = QStackedWidget(self.mainSplitter)
        self.pages.setObjectName(u"pages")
        self.casesPage = QWidget()
        self.casesPage.setObjectName(u"casesPage")
        self.casesLayout = QVBoxLayout(self.casesPage)
        self.casesLayout.setObjectName(u"casesLayout")
        self.caseSearchRow = QHBoxLayout()
        self.caseSearchRow.setObjectName(u"caseSearchRow")
        self.caseSearchLabel = QLabel(self.casesPage)
        self.caseSearchLabel.setObjectName(u"caseSearchLabel")

        self.caseSearchRow.addWidget(self.caseSearchLabel)

        self.caseSearch = QLineEdit(self.casesPage)
        self.caseSearch.setObjectName(u"caseSearch")
        self.caseSearch.setClearButtonEnabled(True)

        self.caseSearchRow.addWidget(self.caseSearch)

        self.caseCount = QLabel(self.casesPage)
        self.caseCount.setObjectName(u"caseCount")
        self.caseCount.setMinimumSize(QSize(120, 0))
        self.caseCount.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.caseSearchRow.addWidget(self.caseCount)


        self.casesLayout.addLayout(self.caseSearchRow)

        self.caseFilterRow = QHBoxLayout()
        self.caseFilterRow.setObjectName(u"caseFilterRow")
        self.caseFilterLabel = QLabel(self.casesPage)
        self.caseFilterLabel.setObjectName(u"caseFilterLabel")

        self.caseFilterRow.addWidget(self.caseFilterLabel)

        self.statusFilter = QComboBox(self.casesPage)
        self.statusFilter.setObjectName(u"statusFilter")
        self.statusFilter.setMinimumContentsLength(9)
        self.statusFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.statusFilter)

        self.kindFilter = QComboBox(self.casesPage)
        self.kindFilter.setObjectName(u"kindFilter")
        self.kindFilter.setMinimumContentsLength(9)
        self.kindFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.kindFilter)

        self.communeFilter = QComboBox(self.casesPage)
        self.communeFilter.setObjectName(u"communeFilter")
        self.communeFilter.setMinimumContentsLength(13)
        self.communeFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.communeFilter)

        self.managerFilter = QComboBox(self.casesPage)
        self.managerFilter.setObjectName(u"managerFilter")
        self.managerFilter.setEditable(True)
        self.managerFilter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.managerFilter.setMinimumContentsLength(12)
        self.managerFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.managerFilter)

        self.sectorFilter = QComboBox(self.casesPage)
        self.sectorFilter.setObjectName(u"sectorFilter")
        self.sectorFilter.setMinimumContentsLength(9)
        self.sectorFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.sectorFilter)

        self.postFilter = QComboBox(self.casesPage)
        self.postFilter.setObjectName(u"postFilter")
        self.postFilter.setMinimumContentsLength(13)
        self.postFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.caseFilterRow.addWidget(self.postFilter)

        self.resetFilters = QPushButton(self.casesPage)
        self.resetFilters.setObjectName(u"resetFilters")

        self.caseFilterRow.addWidget(self.resetFilters)


        self.casesLayout.addLayout(self.caseFilterRow)

        self.casesSplitter = QSplitter(self.casesPage)
        self.casesSplitter.setObjectName(u"casesSplitter")
        self.casesSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.casesSplitter.setChildrenCollapsible(False)
        self.caseTable = QTableView(self.casesSplitter)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseTable.setSortingEnabled(True)
        self.caseTable.setWordWrap(False)
        self.casesSplitter.addWidget(self.caseTable)
        self.caseDetail = QStackedWidget(self.casesSplitter)
        self.caseDetail.setObjectName(u"caseDetail")
        self.caseEmpty = QWidget()
        self.caseEmpty.setObjectName(u"caseEmpty")
        self.caseEmptyLayout = QVBoxLayout(self.caseEmpty)
        self.caseEmptyLayout.setObjectName(u"caseEmptyLayout")
        self.caseEmptyLabel = QLabel(self.caseEmpty)
        self.caseEmptyLabel.setObjectName(u"caseEmptyLabel")
        self.caseEmptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caseEmptyLabel.setWordWrap(True)

        self.caseEmptyLayout.addWidget(self.caseEmptyLabel)

        self.caseDetail.addWidget(self.caseEmpty)
        self.casesSplitter.addWidget(self.caseDetail)

        self.casesLayout.addWidget(self.casesSplitter)

        self.casesLayout.setStretch(2, 1)
        self.pages.addWidget(self.casesPage)
        self.enterprisesPage = QWidget()
        self.enterprisesPage.setObjectName(u"enterprisesPage")
        self.enterprisesLayout = QVBoxLayout(self.enterprisesPage)
        self.enterprisesLayout.setObjectName(u"enterprisesLayout")
        self.enterpriseSearchRow = QHBoxLayout()
        self.enterpriseSearchRow.setObjectName(u"enterpriseSearchRow")
        self.enterpriseSearchLabel = QLabel(self.enterprisesPage)
        self.enterpriseSearchLabel.setObjectName(u"enterpriseSearchLabel")

        self.enterpriseSearchRow.addWidget(self.enterpriseSearchLabel)

        self.enterpriseSearch = QLineEdit(self.enterprisesPage)
        self.enterpriseSearch.setObjectName(u"enterpriseSearch")
        self.enterpriseSearch.setClearButtonEnabled(True)

        self.enterpriseSearchRow.addWidget(self.enterpriseSearch)

        self.newEnterpriseButton = QPushButton(self.enterprisesPage)
        self.newEnterpriseButton.setObjectName(u"newEnterpriseButton")

        self.enterpriseSearchRow.addWidget(self.newEnterpriseButton)


        self.enterprisesLayout.addLayout(self.enterpriseSearchRow)

        self.enterprisesSplitter = QSplitter(self.enterprisesPage)
        self.enterprisesSplitter.setObjectName(u"enterprisesSplitter")
        self.enterprisesSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.enterprisesSplitter.setChildrenCollapsible(False)
        self.enterpriseTable = QTableView(self.enterprisesSplitter)
        self.enterpriseTable.setObjectName(u"enterpriseTable")
        self.enterpriseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.enterpriseTable.setAlternatingRowColors(True)
        self.enterpriseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.enterpriseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.enterpriseTable.setWordWrap(False)
        self.enterprisesSplitter.addWidget(self.enterpriseTable)
        self.enterpriseDetail = QStackedWidget(self.enterprisesSplitter)
        self.enterpriseDetail.setObjectName(u"enterpriseDetail")
        self.enterpriseEmpty = QWidget()
        self.enterpriseEmpty.setObjectName(u"enterpriseEmpty")
        self.enterpriseEmptyLayout = QVBoxLayout(self.enterpriseEmpty)
        self.enterpriseEmptyLayout.setObjectName(u"enterpriseEmptyLayout")
        self.enterpriseEmptyLabel = QLabel(self.enterpriseEmpty)
        self.enterpriseEmptyLabel.setObjectName(u"enterpriseEmptyLabel")
        self.enterpriseEmptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.enterpriseEmptyLabel.setWordWrap(True)

        self.enterpriseEmptyLayout.addWidget(self.enterpriseEmptyLabel)

        self.enterpriseDetail.addWidget(self.enterpriseEmpty)
        self.enterprisesSplitter.addWidget(self.enterpriseDetail)

        self.enterprisesLayout.addWidget(self.enterprisesSplitter)

        self.enterprisesLayout.setStretch(1, 1)
        self.pages.addWidget(self.enterprisesPage)
        self.tasksPage = QWidget()
        self.tasksPage.setObjectName(u"tasksPage")
        self.tasksLayout = QVBoxLayout(self.tasksPage)
        self.tasksLayout.setObjectName(u"tasksLayout")
        self.tasksIntro = QLabel(self.tasksPage)
        self.tasksIntro.setObjectName(u"tasksIntro")
        self.tasksIntro.setWordWrap(True)

        self.tasksLayout.addWidget(self.tasksIntro)

        self.taskTable = QTableView(self.tasksPage)
        self.taskTable.setObjectName(u"taskTable")
        self.taskTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.taskTable.setAlternatingRowColors(True)
        self.taskTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.taskTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.tasksLayout.addWidget(self.taskTable)

        self.taskButtons = QHBoxLayout()
        self.taskButtons.setObjectName(u"taskButtons")
        self.openTaskCase = QPushButton(self.tasksPage)
        self.openTaskCase.setObjectName(u"openTaskCase")

        self.taskButtons.addWidget(self.openTaskCase)

        self.markTaskDone = QPushButton(self.tasksPage)
        self.markTaskDone.setObjectName(u"markTaskDone")

        self.taskButtons.addWidget(self.markTaskDone)

        self.taskButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.taskButtons.addItem(self.taskButtonSpacer)


        self.tasksLayout.addLayout(self.taskButtons)

        self.tasksLayout.setStretch(1, 1)
        self.pages.addWidget(self.tasksPage)
        self.conflictsPage = QWidget()
        self.conflictsPage.setObjectName(u"conflictsPage")
        self.conflictsLayout = QVBoxLayout(self.conflictsPage)
        self.conflictsLayout.setObjectName(u"conflictsLayout")
        self.conflictsIntro = QLabel(self.conflictsPage)
        self.conflictsIntro.setObjectName(u"conflictsIntro")
        self.conflictsIntro.setWordWrap(True)

        self.conflictsLayout.addWidget(self.conflictsIntro)

        self.conflictTable = QTableView(self.conflictsPage)
        self.conflictTable.setObjectName(u"conflictTable")
        self.conflictTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflictTable.setAlternatingRowColors(True)
        self.conflictTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflictTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.conflictsLayout.addWidget(self.conflictTable)

        self.conflictButtons = QHBoxLayout()
        self.conflictButtons.setObjectName(u"conflictButtons")
        self.resolveConflict = QPushButton(self.conflictsPage)
        self.resolveConflict.setObjectName(u"resolveConflict")

        self.conflictButtons.addWidget(self.resolveConflict)

        self.conflictButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.conflictButtons.addItem(self.conflictButtonSpacer)


        self.conflictsLayout.addLayout(self.conflictButtons)

        self.conflictsLayout.setStretch(1, 1)
        self.pages.addWidget(self.conflictsPage)
        self.syncPage = QWidget()
        self.syncPage.setObjectName(u"syncPage")
        self.syncLayout = QVBoxLayout(self.syncPage)
        self.syncLayout.setObjectName(u"syncLayout")
        self.syncForm = QFormLayout()
        self.syncForm.setObjectName(u"syncForm")
        self.syncServerLabel = QLabel(self.syncPage)
        self.syncServerLabel.setObjectName(u"syncServerLabel")

        self.syncForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.syncServerLabel)

        self.syncServerValue = QLabel(self.syncPage)
        self.syncServerValue.setObjectName(u"syncServerValue")
        self.syncServerValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.syncForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.syncServerValue)

        self.syncUserLabel = QLabel(self.syncPage)
        self.syncUserLabel.setObjectName(u"syncUserLabel")

        self.syncForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.syncUserLabel)

        self.syncUserValue = QLabel(self.syncPage)
        self.syncUserValue.setObjectName(u"syncUserValue")

        self.syncForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.syncUserValue)

        self.syncStateLabel = QLabel(self.syncPage)
        self.syncStateLabel.setObjectName(u"syncStateLabel")

        self.syncForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.syncStateLabel)

        self.syncStateValue = QLabel(self.syncPage)
        self.syncStateValue.setObjectName(u"syncStateValue")
        self.syncStateValue.setWordWrap(True)

        self.syncForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.syncStateValue)

        self.syncOutboxLabel = QLabel(self.syncPage)
        self.syncOutboxLabel.setObjectName(u"syncOutboxLabel")

        self.syncForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.syncOutboxLabel)

        self.syncOutboxValue = QLabel(self.syncPage)
        self.syncOutboxValue.setObjectName(u"syncOutboxValue")

        self.syncForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.syncOutboxValue)

        self.syncLastLabel = QLabel(self.syncPage)
        self.syncLastLabel.setObjectName(u"syncLastLabel")

        self.syncForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.syncLastLabel)

        self.syncLastValue = QLabel(self.syncPage)
        self.syncLastValue.setObjectName(u"syncLastValue")

        self.syncForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.syncLastValue)


        self.syncLayout.addLayout(self.syncForm)

        self.syncProgress = QProgressBar(self.syncPage)
        self.syncProgress.setObjectName(u"syncProgress")
        self.syncProgress.setValue(0)
        self.syncProgress.setTextVisible(True)

        self.syncLayout.addWidget(self.syncProgress)

        self.syncButtons = QHBoxLayout()
        self.syncButtons.setObjectName(u"syncButtons")
        self.syncNowButton = QPushButton(self.syncPage)
        self.syncNowButton.setObjectName(u"syncNowButton")

        self.syncButtons.addWidget(self.syncNowButton)

        self.syncCancelButton = QPushButton(self.syncPage)
        self.syncCancelButton.setObjectName(u"syncCancelButton")

        self.syncButtons.addWidget(self.syncCancelButton)

        self.loginButton = QPushButton(self.syncPage)
        self.loginButton.setObjectName(u"loginButton")

        self.syncButtons.addWidget(self.loginButton)

        self.logoutButton = QPushButton(self.syncPage)
        self.logoutButton.setObjectName(u"logoutButton")

        self.syncButtons.addWidget(self.logoutButton)

        self.syncButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.syncButtons.addItem(self.syncButtonSpacer)


        self.syncLayout.addLayout(self.syncButtons)

        self.syncLogLabel = QLabel(self.syncPage)
        self.syncLogLabel.setObjectName(u"syncLogLabel")

        self.syncLayout.addWidget(self.syncLogLabel)

        self.syncLog = QPlainTextEdit(self.syncPage)
        self.syncLog.setObjectName(u"syncLog")
        self.syncLog.setReadOnly(True)

        self.syncLayout.addWidget(self.syncLog)

        self.syncLayout.setStretch(4, 1)
        self.pages.addWidget(self.syncPage)
        self.mainSplitter.addWidget(self.pages)

        self.centralLayout.addWidget(self.mainSplitter)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuGo = QMenu(self.menubar)
        self.menuGo.setObjectName(u"menuGo")
        self.menuSync = QMenu(self.menubar)
        self.menuSync.setObjectName(u"menuSync")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.mainToolBar = QToolBar(MainWindow)
        self.mainToolBar.setObjectName(u"mainToolBar")
        self.mainToolBar.setMovable(False)
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mainToolBar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.caseSearchLabel.setBuddy(self.caseSearch)
        self.caseFilterLabel.setBuddy(self.statusFilter)
        self.enterpriseSearchLabel.setBuddy(self.enterpriseSearch)
        self.syncLogLabel.setBuddy(self.syncLog)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.navigation, self.caseSearch)
        QWidget.setTabOrder(self.caseSearch, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.kindFilter)
        QWidget.setTabOrder(self.kindFilter, self.communeFilter)
        QWidget.setTabOrder(self.communeFilter, self.managerFilter)
        QWidget.setTabOrder(self.managerFilter, self.sectorFilter)
        QWidget.setTabOrder(self.sectorFilter, self.postFilter)
        QWidget.setTabOrder(self.postFilter, self.resetFilters)
        QWidget.setTabOrder(self.resetFilters, self.caseTable)
        QWidget.setTabOrder(self.caseTable, self.enterpriseSearch)
        QWidget.setTabOrder(self.enterpriseSearch, self.newEnterpriseButton)
        QWidget.setTabOrder(self.newEnterpriseButton, self.enterpriseTable)
        QWidget.setTabOrder(self.enterpriseTable, self.taskTable)
        QWidget.setTabOrder(self.taskTable, self.openTaskCase)
        QWidget.setTabOrder(self.openTaskCase, self.markTaskDone)
        QWidget.setTabOrder(self.markTaskDone, self.conflictTable)
        QWidget.setTabOrder(self.conflictTable, self.resolveConflict)
        QWidget.setTabOrder(self.resolveConflict, self.syncNowButton)
        QWidget.setTabOrder(self.syncNowButton, self.syncCancelButton)
        QWidget.setTabOrder(self.syncCancelButton, self.loginButton)
        QWidget.setTabOrder(self.loginButton, self.logoutButton)
        QWidget.setTabOrder(self.logoutButton, self.syncLog)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuGo.menuAction())
        self.menubar.addAction(self.menuSync.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewCase)
        self.menuFile.addAction(self.actionNewEnterprise)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionSave)
        self.menuFile.addAction(self.actionDossier)
        self.menuFile.addAction(self.actionPrintDossier)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionSettings)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuGo.addAction(self.actionFind)
        self.menuGo.addSeparator()
        self.menuGo.addAction(self.actionGoCases)
        self.menuGo.addAction(self.actionGoEnterprises)
        self.menuGo.addAction(self.actionGoTasks)
        self.menuGo.addAction(self.actionGoConflicts)
        self.menuGo.addAction(self.actionGoSync)
        self.menuSync.addAction(self.actionSyncNow)
        self.menuSync.addAction(self.actionLogin)
        self.menuSync.addAction(self.actionLogout)
        self.menuHelp.addAction(self.actionAbout)
        self.mainToolBar.addAction(self.actionNewCase)
        self.mainToolBar.addAction(self.actionSave)
        self.mainToolBar.addAction(self.actionDossier)
        self.mainToolBar.addAction(self.actionSyncNow)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        self.actionNewCase.setText(QCoreApplication.translate("MainWindow", u"&New case\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionNewCase.setToolTip(QCoreApplication.translate("MainWindow", u"Open a new case (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.actionNewEnterprise.setText(QCoreApplication.translate("MainWindow", u"New &enterprise\u2026", None))
        self.actionSave.setText(QCoreApplication.translate("MainWindow", u"&Save", None))
#if QT_CONFIG(tooltip)
        self.actionSave.setToolTip(QCoreApplication.translate("MainWindow", u"Save the record you are editing (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
        self.actionDossier.setText(QCoreApplication.translate("MainWindow", u"&Dossier\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionDossier.setToolTip(QCoreApplication.translate("MainWindow", u"Preview, print or save the dossier of the open case", None))
#endif // QT_CONFIG(tooltip)
        self.actionPrintDossier.setText(QCoreApplication.translate("MainWindow", u"&Print dossier\u2026", None))
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"Se&ttings\u2026", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
        self.actionFind.setText(QCoreApplication.translate("MainWindow", u"&Search", None))
        self.actionGoCases.setText(QCoreApplication.translate("MainWindow", u"&Cases", None))
        self.actionGoEnterprises.setText(QCoreApplication.translate("MainWindow", u"&Enterprises", None))
        self.actionGoTasks.setText(QCoreApplication.translate("MainWindow", u"&Tasks", None))
        self.actionGoConflicts.setText(QCoreApplication.translate("MainWindow", u"C&onflicts", None))
        self.actionGoSync.setText(QCoreApplication.translate("MainWindow", u"S&ync", None))
        self.actionSyncNow.setText(QCoreApplication.translate("MainWindow", u"Sync &now", None))
        self.actionLogin.setText(QCoreApplication.translate("MainWindow", u"&Log in\u2026", None))
        self.actionLogout.setText(QCoreApplication.translate("MainWindow", u"Log &out", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About HubDesk", None))

        __sortingEnabled = self.navigation.isSortingEnabled()
        self.navigation.setSortingEnabled(False)
        ___qlistwidgetitem = self.navigation.item(0)
        ___qlistwidgetitem.setText(QCoreApplication.translate("MainWindow", u"Cases", None))
        ___qlistwidgetitem1 = self.navigation.item(1)
        ___qlistwidgetitem1.setText(QCoreApplication.translate("MainWindow", u"Enterprises", None))
        ___qlistwidgetitem2 = self.navigation.item(2)
        ___qlistwidgetitem2.setText(QCoreApplication.translate("MainWindow", u"Tasks", None))
        ___qlistwidgetitem3 = self.navigation.item(3)
        ___qlistwidgetitem3.setText(QCoreApplication.translate("MainWindow", u"Conflicts", None))
        ___qlistwidgetitem4 = self.navigation.item(4)
        ___qlistwidgetitem4.setText(QCoreApplication.translate("MainWindow", u"Sync", None))
        self.navigation.setSortingEnabled(__sortingEnabled)

#if QT_CONFIG(accessibility)
        self.navigation.setAccessibleName(QCoreApplication.translate("MainWindow", u"Sections", None))
#endif // QT_CONFIG(accessibility)
        self.caseSearchLabel.setText(QCoreApplication.translate("MainWindow", u"&Search:", None))
        self.caseSearch.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Reference, title, enterprise name or number", None))
        self.caseFilterLabel.setText(QCoreApplication.translate("MainWindow", u"&Filter:", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.kindFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Kind", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.communeFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Commune", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.managerFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Account manager", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sectorFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Sector", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.postFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Attach\u00e9 post", None))
#endif // QT_CONFIG(accessibility)
        self.resetFilters.setText(QCoreApplication.translate("MainWindow", u"C&lear filters", None))
#if QT_CONFIG(accessibility)
        self.caseTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        self.caseEmptyLabel.setText(QCoreApplication.translate("MainWindow", u"Select a case in the list, or press Ctrl+N to open a new one.", None))
        self.enterpriseSearchLabel.setText(QCoreApplication.translate("MainWindow", u"&Search:", None))
        self.enterpriseSearch.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Enterprise name or number", None))
        self.newEnterpriseButton.setText(QCoreApplication.translate("MainWindow", u"&New enterprise\u2026", None))
#if QT_CONFIG(accessibility)
        self.enterpriseTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Enterprises", None))
#endif // QT_CONFIG(accessibility)
        self.enterpriseEmptyLabel.setText(QCoreApplication.translate("MainWindow", u"Select an enterprise in the list.", None))
        self.tasksIntro.setText(QCoreApplication.translate("MainWindow", u"Open tasks of every case, soonest due first.", None))
#if QT_CONFIG(accessibility)
        self.taskTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Open tasks", None))
#endif // QT_CONFIG(accessibility)
        self.openTaskCase.setText(QCoreApplication.translate("MainWindow", u"&Open the case", None))
        self.markTaskDone.setText(QCoreApplication.translate("MainWindow", u"Mark as &done", None))
        self.conflictsIntro.setText(QCoreApplication.translate("MainWindow", u"When you and a colleague changed the same field while offline, both values are kept here until you choose. Nothing is overwritten silently.", None))
#if QT_CONFIG(accessibility)
        self.conflictTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Conflicts", None))
#endif // QT_CONFIG(accessibility)
        self.resolveConflict.setText(QCoreApplication.translate("MainWindow", u"&Resolve\u2026", None))
        self.syncServerLabel.setText(QCoreApplication.translate("MainWindow", u"Server:", None))
        self.syncUserLabel.setText(QCoreApplication.translate("MainWindow", u"Account:", None))
        self.syncStateLabel.setText(QCoreApplication.translate("MainWindow", u"State:", None))
        self.syncOutboxLabel.setText(QCoreApplication.translate("MainWindow", u"Unsent changes:", None))
        self.syncLastLabel.setText(QCoreApplication.translate("MainWindow", u"Last sync:", None))
        self.syncNowButton.setText(QCoreApplication.translate("MainWindow", u"Sync &now", None))
        self.syncCancelButton.setText(QCoreApplication.translate("MainWindow", u"&Stop", None))
        self.loginButton.setText(QCoreApplication.translate("MainWindow", u"&Log in\u2026", None))
        self.logoutButton.setText(QCoreApplication.translate("MainWindow", u"Log &out", None))
        self.syncLogLabel.setText(QCoreApplication.translate("MainWindow", u"&History:", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuGo.setTitle(QCoreApplication.translate("MainWindow", u"&Go", None))
        self.menuSync.setTitle(QCoreApplication.translate("MainWindow", u"S&ync", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        self.mainToolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
        pass
    # retranslateUi

