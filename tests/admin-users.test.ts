import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { buildFormState } from '@payloadcms/ui/utilities/buildFormState'
import { createLocalReq, type Payload } from 'payload'

import { LAST_ADMIN_MESSAGE } from '../src/features/accounts/lastAdmin'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

// The users collection as the admin shows it: the create-first-user screen (no user yet) and the
// rule that the CMS always keeps an admin.
let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
})
afterAll(() => shutdown(ctx))

/** The form state the create-first-user view builds (as @payloadcms/next's CreateFirstUserView). */
async function createFirstUserFormState() {
  const users = payload.collections.users.config
  const req = await createLocalReq({}, payload) // no user: nobody is logged in yet
  const fields = Object.fromEntries(
    users.fields
      .filter((f) => 'name' in f)
      .map((f) => [(f as { name: string }).name, { create: true, read: true, update: true }]),
  )
  const { state } = await buildFormState({
    collectionSlug: 'users',
    data: {},
    docPermissions: {
      create: true,
      delete: true,
      fields,
      read: true,
      readVersions: true,
      update: true,
    },
    docPreferences: { fields: {} },
    operation: 'create',
    renderAllFields: true,
    mockRSCs: true,
    req,
    schemaPath: 'users',
    skipClientConfigAuth: true,
    skipValidation: true,
  } as never)
  return state
}

describe('create-first-user screen', () => {
  test('preselects "Admin", hides the API key fields; the first account becomes an admin', async () => {
    expect(await payload.count({ collection: 'users' })).toMatchObject({ totalDocs: 0 })
    const state = await createFirstUserFormState()

    expect(state.roles?.value).toEqual(['admin'])
    // Rendered by the view from the client field list with every permission; a field without a
    // passing condition is not shown.
    expect(state.apiKey?.passesCondition).toBe(false)
    expect(state.hasAPIKey?.passesCondition).toBe(false)
    // What is left on the screen besides email and password: named, labelled fields only.
    const users = payload.collections.users.config
    type Shown = {
      name?: string
      hidden?: boolean
      label?: unknown
      admin?: { hidden?: boolean; disabled?: boolean; components?: object }
    }
    const shown = (users.fields as Shown[]).filter((field) => {
      if (!field.name || field.hidden || field.admin?.disabled || field.admin?.hidden) return false
      if (field.admin?.components && 'Field' in field.admin.components) return false
      if (['email', 'password'].includes(field.name)) return false
      return state[field.name]?.passesCondition !== false
    })
    expect(shown.map((f) => f.name).sort()).toEqual(['name', 'roles'])
    for (const field of shown) expect(field.label).toBeTruthy()

    // The form posts to first-register; the account is an admin whatever the roles said.
    const res = await client.post('/users/first-register', {
      body: {
        email: 'first@example.com',
        password: 'test-password-123',
        'confirm-password': 'test-password-123',
        roles: ['editor'],
      },
    })
    expect(res.status).toBe(200)
    const first = await payload.find({
      collection: 'users',
      where: { email: { equals: 'first@example.com' } },
    })
    expect(first.docs[0]?.roles).toContain('admin')

    // Once an account exists, a new one starts as an editor (also on the admin's create form).
    const again = await createFirstUserFormState()
    expect(again.roles?.value).toEqual(['editor'])
    const second = await payload.create({
      collection: 'users',
      data: { email: 'second@example.com', password: 'test-password-123' } as never,
    })
    expect(second.roles).toEqual(['editor'])
  })
})

describe('the last admin', () => {
  let adminToken: string
  let adminId: number | string
  beforeAll(async () => {
    // Only one admin from here on: first@example.com (made here too when the test above failed early).
    await loginAs(payload, 'first@example.com', ['admin'])
    adminToken = await payload
      .login({
        collection: 'users',
        data: { email: 'first@example.com', password: 'test-password-123' },
      })
      .then((r) => r.token!)
    adminId = (
      await payload.find({ collection: 'users', where: { email: { equals: 'first@example.com' } } })
    ).docs[0]!.id
    expect(
      (await payload.count({ collection: 'users', where: { roles: { contains: 'admin' } } }))
        .totalDocs,
    ).toBe(1)
  })

  const stillAdmin = async () => {
    const doc = await payload.findByID({ collection: 'users', id: adminId, disableErrors: true })
    return Boolean(doc?.roles?.includes('admin'))
  }
  const auth = () => ({ token: adminToken })

  test('REST: cannot remove their own admin role (by id or in bulk) or delete themselves', async () => {
    const patch = await client.patch(`/users/${adminId}`, {
      ...auth(),
      body: { roles: ['editor'] },
    })
    expect(patch.status).toBe(409)
    expect(JSON.stringify(patch.body)).toContain(LAST_ADMIN_MESSAGE)
    const bulk = await client.patch(`/users?where[roles][contains]=admin`, {
      ...auth(),
      body: { roles: ['editor'] },
    })
    expect(bulk.status).toBe(409)
    const del = await client.delete(`/users/${adminId}`, auth())
    expect(del.status).toBe(409)
    const bulkDelete = await client.delete(`/users?where[email][like]=example.com`, auth())
    expect(bulkDelete.status).toBe(409)
    expect(await stillAdmin()).toBe(true)
    // Other changes to the account, and to other accounts, still work.
    const rename = await client.patch(`/users/${adminId}`, {
      ...auth(),
      body: { name: 'Ada', roles: ['admin', 'editor'] },
    })
    expect(rename.status).toBe(200)
  })

  test('GraphQL: the same refusals', async () => {
    const update = await client.graphql(
      `mutation ($id: String!) { updateUser(id: $id, data: { roles: [editor] }) { id roles } }`,
      { id: adminId },
      auth(),
    )
    expect(JSON.stringify(update.body)).toContain(LAST_ADMIN_MESSAGE)
    const del = await client.graphql(
      `mutation ($id: String!) { deleteUser(id: $id) { id } }`,
      { id: adminId },
      auth(),
    )
    expect(JSON.stringify(del.body)).toContain(LAST_ADMIN_MESSAGE)
    expect(await stillAdmin()).toBe(true)
  })

  test('Local API (with the user, and as the system): the same refusals', async () => {
    const user = await payload.findByID({ collection: 'users', id: adminId })
    const asAdmin = { user: { ...user, collection: 'users' as const }, overrideAccess: false }
    await expect(
      payload.update({ collection: 'users', id: adminId, data: { roles: ['editor'] }, ...asAdmin }),
    ).rejects.toMatchObject({ status: 409, message: LAST_ADMIN_MESSAGE })
    await expect(
      payload.delete({ collection: 'users', id: adminId, ...asAdmin }),
    ).rejects.toMatchObject({ status: 409 })
    await expect(
      payload.update({ collection: 'users', id: adminId, data: { roles: [] as never } }),
    ).rejects.toMatchObject({ status: 409 })
    expect(await stillAdmin()).toBe(true)
  })

  test('with a second admin, either may step down or be deleted — but not both', async () => {
    await loginAs(payload, 'second-admin@example.com', ['admin'])
    const second = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'second-admin@example.com' } },
      })
    ).docs[0]!
    const both = await client.patch(`/users?where[roles][contains]=admin`, {
      ...auth(),
      body: { roles: ['editor'] },
    })
    expect(both.status).toBe(409)
    const demote = await client.patch(`/users/${second.id}`, {
      ...auth(),
      body: { roles: ['editor'] },
    })
    expect(demote.status).toBe(200)
    expect(demote.body.doc.roles).toEqual(['editor'])
    const del = await client.delete(`/users/${second.id}`, auth())
    expect(del.status).toBe(200)
    expect(await stillAdmin()).toBe(true)
  })
})
