// Preview pages only: reload when the editor saves in the admin. This is Payload's live-preview
// protocol for server-rendered pages, as @payloadcms/live-preview implements it (`ready` and
// `isDocumentEvent`); that package is not installed because it has no release matching our payload
// version and Payload's dependency check refuses mixed versions.
const serverURL = window.location.origin

window.addEventListener('message', (event) => {
  const data = event.data
  if (
    event.origin === serverURL &&
    data &&
    typeof data === 'object' &&
    data.type === 'payload-document-event'
  ) {
    window.location.reload()
  }
})

// Tell the admin (iframe parent or popup opener) that the page is ready for its messages.
const admin = window.opener || window.parent
if (admin && admin !== window)
  admin.postMessage({ type: 'payload-live-preview', ready: true }, serverURL)
