import { describe, expect, it } from 'vitest'
import {
  connectorHostRefusal,
  connectorHostsFromEnv,
  connectorVariable,
  connectorsFromEnv,
  parseConnectorConfig,
  redactConnector,
} from './config.js'

describe('connector settings', () => {
  it('reads RB_CONNECTOR_<PLUGIN> as a folder, a URL or JSON', () => {
    expect(
      connectorsFromEnv({
        RB_CONNECTOR_KSTTHC: 'file:./exports',
        RB_CONNECTOR_EXAMPLE_SMALL: 'https://motcua.example/api/{unit}/{period}',
        RB_CONNECTOR_ADMIN_TIERS: '{"kind":"http","url":"http://10.0.0.5/x","timeoutMs":2000}',
        RB_CONNECTOR_EMPTY: ' ',
        PATH: '/usr/bin',
      }),
    ).toEqual({
      kstthc: { kind: 'file', dir: './exports' },
      'example-small': { kind: 'http', url: 'https://motcua.example/api/{unit}/{period}' },
      'admin-tiers': { kind: 'http', url: 'http://10.0.0.5/x', timeoutMs: 2000 },
    })
    expect(connectorVariable('example-small')).toBe('RB_CONNECTOR_EXAMPLE_SMALL')
  })

  it('names the variable and the field of a bad setting', () => {
    expect(() => connectorsFromEnv({ RB_CONNECTOR_KSTTHC: '{"kind":' })).toThrow(
      /^RB_CONNECTOR_KSTTHC: is not valid JSON/,
    )
    expect(() => connectorsFromEnv({ RB_CONNECTOR_KSTTHC: 'ftp://host/x' })).toThrow(
      'RB_CONNECTOR_KSTTHC.url: must be an absolute http(s) URL (got "ftp://host/x")',
    )
    expect(() =>
      parseConnectorConfig({ kind: 'http', url: 'http://h/', timeoutMs: 0 }, 'c'),
    ).toThrow('c.timeoutMs: must be an integer from 1 to 120000')
    expect(() => parseConnectorConfig({ kind: 'file', dir: 'x', url: 'y' }, 'c')).toThrow(
      'c.url: is not a setting of a file connector',
    )
    expect(() => parseConnectorConfig({ kind: 'ftp' }, 'c')).toThrow(
      'c.kind: must be "file" or "http" (got "ftp")',
    )
    expect(() =>
      parseConnectorConfig({ kind: 'http', url: 'http://h/', headers: { a: 1 } }, 'c'),
    ).toThrow('c.headers: must be an object of header names to strings')
  })

  it('masks header values when a setting is shown', () => {
    const config = parseConnectorConfig(
      { kind: 'http', url: 'http://h/', headers: { authorization: 'Bearer s' } },
      'c',
    )
    expect(redactConnector(config)).toEqual({
      kind: 'http',
      url: 'http://h/',
      headers: { authorization: '***' },
    })
    expect(config).toMatchObject({ headers: { authorization: 'Bearer s' } })
  })

  it('lets tenants point HTTP connectors only at the hosts the server lists', () => {
    const hosts = connectorHostsFromEnv({ RB_CONNECTOR_HOSTS: ' Motcua.Example , 10.0.0.5:8080,' })
    expect(hosts).toEqual(['motcua.example', '10.0.0.5:8080'])
    expect(connectorHostRefusal('https://motcua.example/api/{unit}', hosts)).toBeUndefined()
    expect(connectorHostRefusal('http://motcua.example:9000/x', hosts)).toBeUndefined()
    expect(connectorHostRefusal('http://10.0.0.5:8080/x', hosts)).toBeUndefined()
    expect(connectorHostRefusal('http://10.0.0.5/x', hosts)).toBe(
      'host 10.0.0.5 is not allowed: RB_CONNECTOR_HOSTS lists motcua.example, 10.0.0.5:8080',
    )
    expect(connectorHostRefusal('http://169.254.169.254/latest', [])).toBe(
      'host 169.254.169.254 is not allowed: this server lets no tenant set HTTP connectors (RB_CONNECTOR_HOSTS is empty)',
    )
    expect(() => connectorHostsFromEnv({ RB_CONNECTOR_HOSTS: 'http://x/' })).toThrow(
      'RB_CONNECTOR_HOSTS: "http://x/" is not a host or host:port',
    )
  })
})
