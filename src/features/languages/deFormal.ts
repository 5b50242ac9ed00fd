// The German admin in one register, the house's formal "Sie": our own strings use it, and these
// replace every text of Payload's German translation that says "du" (tests/admin-german.test.ts
// checks that none is left). The wording otherwise follows Payload's.

const sure = 'Sind Sie sicher?'

export const deFormal = {
  authentication: {
    beginCreateFirstUser: 'Legen Sie das erste Benutzerkonto an, um zu beginnen.',
    checkYourEmailForPasswordReset:
      'Wenn die E-Mail-Adresse mit einem Benutzerkonto verknüpft ist, erhalten Sie in Kürze Anweisungen zum Zurücksetzen Ihres Passworts. Bitte prüfen Sie auch Ihren Spam-Ordner, falls Sie die E-Mail nicht im Posteingang sehen.',
    forgotPasswordEmailInstructions:
      'Bitte geben Sie Ihre E-Mail-Adresse an. Sie erhalten eine E-Mail mit Anweisungen zum Zurücksetzen Ihres Passworts.',
    forgotPasswordUsernameInstructions:
      'Bitte geben Sie Ihren Benutzernamen ein. Anweisungen zum Zurücksetzen Ihres Passworts werden an die mit Ihrem Benutzernamen verknüpfte E-Mail-Adresse gesendet.',
    generatingNewAPIKeyWillInvalidate:
      'Wenn Sie einen neuen API-Schlüssel erzeugen, wird der vorherige <1>ungültig</1>. Möchten Sie wirklich fortfahren?',
    loggedIn:
      'Um sich mit einem anderen Benutzerkonto anzumelden, müssen Sie sich zuerst <0>abmelden</0>.',
    loggedInChangePassword:
      'Um Ihr Passwort zu ändern, öffnen Sie Ihr <0>Benutzerkonto</0> und ändern Sie es dort.',
    loggedOutInactivity: 'Sie wurden wegen Inaktivität abgemeldet.',
    loggedOutSuccessfully: 'Sie wurden erfolgreich abgemeldet.',
    loginWithAnotherUser:
      'Um sich mit einem anderen Benutzer anzumelden, müssen Sie sich zuerst <0>abmelden</0>.',
    newAccountCreated:
      'Auf <a href="{{serverURL}}">{{serverURL}}</a> wurde ein neues Konto für Sie angelegt. Bitte klicken Sie auf den folgenden Link oder kopieren Sie die URL in Ihren Browser, um Ihre E-Mail-Adresse zu bestätigen: <a href="{{verificationURL}}">{{verificationURL}}</a><br> Nachdem Sie Ihre E-Mail-Adresse bestätigt haben, können Sie sich anmelden.',
    resetYourPassword: 'Passwort zurücksetzen',
    verifyYourEmail: 'E-Mail-Adresse bestätigen',
    youAreInactive:
      'Sie waren einige Zeit inaktiv und werden zu Ihrer Sicherheit in Kürze abgemeldet. Möchten Sie angemeldet bleiben?',
    youAreReceivingResetPassword:
      'Sie erhalten diese Nachricht, weil Sie (oder jemand anderes) das Zurücksetzen des Passworts für Ihr Benutzerkonto angefordert haben. Bitte klicken Sie auf den folgenden Link oder kopieren Sie die URL in Ihren Browser, um fortzufahren:',
    youDidNotRequestPassword:
      'Wenn Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail. Ihr Passwort bleibt unverändert.',
  },
  dashboard: {
    discardMessage: `Sie haben ungespeicherte Änderungen an Ihrem Dashboard-Layout. Möchten Sie sie wirklich verwerfen?`,
    noItems:
      'Auf Ihrem Dashboard befinden sich keine Widgets. Sie können sie über das Menü „Dashboard“ in der oberen Leiste hinzufügen.',
  },
  error: {
    deletingTitle:
      'Beim Löschen von {{title}} ist ein Problem aufgetreten. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    documentNotFound:
      'Das Dokument mit der ID {{id}} wurde nicht gefunden. Es wurde gelöscht, hat nie existiert, oder Sie haben keinen Zugriff darauf.',
    notAllowedToAccessPage: 'Sie haben keine Berechtigung, diese Seite aufzurufen.',
    notAllowedToPerformAction: 'Sie haben keine Berechtigung, diese Aktion auszuführen.',
    restoringTitle:
      'Beim Wiederherstellen von {{title}} ist ein Fehler aufgetreten. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.',
    // Payload's page for visitors who are not logged in (a logged-in translator's create page says
    // what they may not do instead: src/features/accounts/createDenied.ts).
    unauthorized: 'Nicht autorisiert – Sie müssen angemeldet sein, um diese Anfrage zu stellen.',
    unverifiedEmail: 'Bitte bestätigen Sie Ihre E-Mail-Adresse, bevor Sie sich anmelden.',
  },
  fields: {
    chooseBetweenCustomTextOrDocument:
      'Geben Sie eine eigene URL ein oder verknüpfen Sie ein anderes Dokument.',
    chooseDocumentToLink: 'Wählen Sie das Dokument, das Sie verlinken möchten',
  },
  folder: {
    folderTypeDescription:
      'Wählen Sie, welche Arten von Sammlungsdokumenten dieser Ordner enthalten darf.',
    moveItemsToFolderConfirmation: `Sie sind dabei, <1>{{count}} {{label}}</1> nach <2>{{toFolder}}</2> zu verschieben. ${sure}`,
    moveItemsToRootConfirmation: `Sie sind dabei, <1>{{count}} {{label}}</1> in den Hauptordner zu verschieben. ${sure}`,
    moveItemToFolderConfirmation: `Sie sind dabei, <1>{{title}}</1> nach <2>{{toFolder}}</2> zu verschieben. ${sure}`,
    moveItemToRootConfirmation: `Sie sind dabei, <1>{{title}}</1> in den Hauptordner zu verschieben. ${sure}`,
  },
  general: {
    aboutToDelete: `Sie sind dabei, {{label}} <1>{{title}}</1> zu löschen. ${sure}`,
    aboutToDeleteCount_many: 'Sie sind dabei, {{count}} {{label}} zu löschen.',
    aboutToDeleteCount_one: 'Sie sind dabei, {{count}} {{label}} zu löschen.',
    aboutToDeleteCount_other: 'Sie sind dabei, {{count}} {{label}} zu löschen.',
    aboutToPermanentlyDelete: `Sie sind dabei, {{label}} <1>{{title}}</1> endgültig zu löschen. ${sure}`,
    aboutToPermanentlyDeleteTrash: `Sie sind dabei, <0>{{count}}</0> <1>{{label}}</1> endgültig aus dem Papierkorb zu löschen. ${sure}`,
    aboutToRestore: `Sie sind dabei, {{label}} <1>{{title}}</1> wiederherzustellen. ${sure}`,
    aboutToRestoreAsDraft: `Sie sind dabei, {{label}} <1>{{title}}</1> als Entwurf wiederherzustellen. ${sure}`,
    aboutToRestoreAsDraftCount:
      'Sie sind dabei, {{count}} {{label}} als Entwurf wiederherzustellen.',
    aboutToRestoreCount: 'Sie sind dabei, {{count}} {{label}} wiederherzustellen.',
    aboutToTrash: `Sie sind dabei, {{label}} <1>{{title}}</1> in den Papierkorb zu verschieben. ${sure}`,
    aboutToTrashCount: 'Sie sind dabei, {{count}} {{label}} in den Papierkorb zu verschieben.',
    changesNotSaved:
      'Ihre Änderungen wurden nicht gespeichert. Wenn Sie diese Seite verlassen, gehen sie verloren.',
    copyWarning: `Sie sind dabei, {{to}} mit {{from}} für {{label}} {{title}} zu überschreiben. ${sure}`,
    creating: 'Wird erstellt',
    creatingNewLabel: '{{label}} erstellen',
    currentlyEditing:
      'bearbeitet gerade dieses Dokument. Wenn Sie übernehmen, wird diese Bearbeitung gesperrt, und nicht gespeicherte Änderungen können verloren gehen.',
    documentOutOfDate:
      'Dieses Dokument wurde kürzlich von einem anderen Benutzer geändert. Ihre Ansicht ist veraltet.',
    enterAValue: 'Geben Sie einen Wert ein',
    moveConfirm: `Sie sind dabei, {{count}} {{label}} nach <1>{{destination}}</1> zu verschieben. ${sure}`,
    sorryNotFound: 'Leider wurde nichts gefunden, was Ihrer Anfrage entspricht.',
    unsavedChanges:
      'Sie haben ungespeicherte Änderungen. Speichern oder verwerfen Sie sie, bevor Sie fortfahren.',
    unsavedChangesDuplicate:
      'Sie haben ungespeicherte Änderungen. Möchten Sie trotzdem duplizieren?',
  },
  upload: {
    cropToolDescription:
      'Ziehen Sie an den Ecken des ausgewählten Bereichs, zeichnen Sie einen neuen Bereich, oder passen Sie die Werte unten an.',
    focalPointDescription:
      'Setzen Sie den Fokuspunkt direkt in der Vorschau oder passen Sie die Werte unten an.',
  },
  validation: {
    emailAddress: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
    enterNumber: 'Bitte geben Sie eine gültige Zahl an.',
    username:
      'Bitte geben Sie einen gültigen Benutzernamen ein. Er darf Buchstaben, Zahlen, Bindestriche, Punkte und Unterstriche enthalten.',
  },
  version: {
    aboutToPublishSelection: `Sie sind dabei, alle ausgewählten {{label}} zu veröffentlichen. ${sure}`,
    aboutToRestore: 'Sie sind dabei, {{label}} auf den Stand vom {{versionDate}} zurückzusetzen.',
    aboutToRestoreGlobal:
      'Sie sind dabei, das globale Dokument {{label}} auf den Stand vom {{versionDate}} zurückzusetzen.',
    aboutToRevertToPublished: `Sie sind dabei, dieses Dokument auf den zuletzt veröffentlichten Stand zurückzusetzen. ${sure}`,
    aboutToUnpublish: `Sie sind dabei, dieses Dokument auf Entwurf zu setzen. ${sure}`,
    aboutToUnpublishIn: `Sie sind dabei, die Veröffentlichung dieses Dokuments auf {{locale}} aufzuheben. ${sure}`,
    aboutToUnpublishSelection: `Sie sind dabei, die Veröffentlichung aller ausgewählten {{label}} aufzuheben. ${sure}`,
  },
}
