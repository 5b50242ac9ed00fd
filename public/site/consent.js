/*
 * Consent banner of the reader pages (src/features/site/). Works on the server-rendered form: without this
 * script the form posts to /site/consent. With it, a decision is posted to /api/consent-records,
 * remembered in the cookies `newsroom_consent` (<revision>.<consentId>.<acceptType>) and
 * `newsroom_consent_categories` (accepted keys joined by "."), and announced:
 *
 *   <html data-consent="none|all|custom|necessary" data-consent-categories="necessary analytics">
 *   document.addEventListener('newsroom:consent', (e) => e.detail)  // { acceptType, categories, revision, consentId }
 *
 * The event fires once on load (with the stored decision or acceptType "none") and after every
 * decision. Load analytics only when `categories` includes "analytics".
 */
;(function () {
  var html = document.documentElement
  var banner = document.getElementById('consent')
  if (!banner) return
  var form = banner.querySelector('form')
  var revision = Number(banner.getAttribute('data-revision'))
  var maxAge = 182 * 24 * 60 * 60

  function cookie(name) {
    var match = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'))
    return match ? decodeURIComponent(match[1]) : undefined
  }
  function stored() {
    var m = /^(\d+)\.([0-9a-f-]{36})\.(all|custom|necessary)$/i.exec(
      cookie('newsroom_consent') || '',
    )
    if (!m || Number(m[1]) !== revision) return null
    var categories = (cookie('newsroom_consent_categories') || 'necessary')
      .split('.')
      .filter(Boolean)
    return { revision: revision, consentId: m[2], acceptType: m[3], categories: categories }
  }
  function announce(decision) {
    var detail = decision || {
      revision: revision,
      consentId: null,
      acceptType: 'none',
      categories: ['necessary'],
    }
    html.setAttribute('data-consent', detail.acceptType)
    html.setAttribute('data-consent-categories', detail.categories.join(' '))
    document.dispatchEvent(new CustomEvent('newsroom:consent', { detail: detail }))
  }
  function remember(doc) {
    var attrs =
      '; path=/; max-age=' +
      maxAge +
      '; samesite=lax' +
      (location.protocol === 'https:' ? '; secure' : '')
    document.cookie =
      'newsroom_consent=' + doc.revision + '.' + doc.consentId + '.' + doc.acceptType + attrs
    document.cookie =
      'newsroom_consent_categories=' + (doc.acceptedCategories || []).join('.') + attrs
  }
  function checkboxes() {
    return Array.prototype.slice.call(
      form.querySelectorAll('input[name="category"]:not([disabled])'),
    )
  }

  form.addEventListener('submit', function (event) {
    var button = event.submitter
    if (!button || !window.fetch) return // let the browser post the form
    event.preventDefault()
    var acceptType = button.value
    var previous = stored()
    var record = { acceptType: acceptType, revision: revision, locale: html.lang }
    if (previous) record.consentId = previous.consentId
    if (acceptType === 'custom') {
      record.acceptedCategories = checkboxes()
        .filter(function (c) {
          return c.checked
        })
        .map(function (c) {
          return c.value
        })
    }
    var error = form.querySelector('.consent-error')
    var send = function () {
      return fetch('/api/consent-records', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(record),
      })
    }
    send()
      .then(function (res) {
        // 403: this browser holds no proof for the stored consentId (an older cookie): start a new one
        if (res.status !== 403 || !record.consentId) return res
        delete record.consentId
        return send()
      })
      .then(function (res) {
        return res.json().then(function (body) {
          return { ok: res.ok, body: body }
        })
      })
      .then(function (result) {
        if (!result.ok || !result.body.doc)
          throw new Error(
            (result.body.errors && result.body.errors[0] && result.body.errors[0].message) ||
              'Error',
          )
        var doc = result.body.doc
        remember(doc)
        banner.hidden = true
        error.hidden = true
        announce({
          revision: doc.revision,
          consentId: doc.consentId,
          acceptType: doc.acceptType,
          categories: doc.acceptedCategories || [],
        })
        // The banner is gone: continue at the top of the article rather than at the end of the page.
        document.getElementById('main').focus()
      })
      .catch(function (e) {
        error.textContent = e.message
        error.hidden = false
      })
  })

  // "Settings" in the footer reopens the banner with the settings open (without JS it is a link).
  var opener = document.querySelector('[data-consent-open]')
  if (opener) {
    opener.addEventListener('click', function (event) {
      event.preventDefault()
      var decision = stored()
      checkboxes().forEach(function (c) {
        c.checked = Boolean(decision && decision.categories.indexOf(c.value) >= 0)
      })
      banner.hidden = false
      var details = banner.querySelector('details')
      if (details) details.open = true
      banner.scrollIntoView()
      var title = banner.querySelector('summary') || banner.querySelector('button')
      if (title) title.focus()
    })
  }

  announce(stored())
})()
