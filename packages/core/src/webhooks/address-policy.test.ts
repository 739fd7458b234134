import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { addressRefusal, strictAddressPolicy } from './address-policy.js';
import { checkWebhookUrl } from './webhook-url.js';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.0.0.8', 'a private address'],
    ['172.16.4.4', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['0.0.0.0', 'a reserved address'],
    ['192.0.2.10', 'a reserved address'],
    ['198.18.0.1', 'a reserved address'],
    ['224.0.0.1', 'a reserved address'],
    ['255.255.255.255', 'a reserved address'],
    ['::', 'a reserved address'],
    ['::ffff:127.0.0.1', 'a reserved address'],
    ['::ffff:10.0.0.1', 'a reserved address'],
    ['64:ff9b::a00:1', 'a reserved address'],
    ['2001:db8::1', 'a reserved address'],
    ['2002:c000:204::1', 'a reserved address'],
    ['ff02::1', 'a reserved address'],
  ])('refuses %s as %s', (address, what) => {
    expect(addressRefusal(address)).toBe(what);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450::1'])(
    'accepts the public address %s',
    (address) => {
      expect(addressRefusal(address)).toBeNull();
    },
  );
});

describe('checkWebhookUrl (when an endpoint is saved)', () => {
  const refusal = (url: string, policy = strictAddressPolicy) => {
    try {
      checkWebhookUrl(url, policy);
      return null;
    } catch (error) {
      if (!isSwitchboardError(error, 'validation_failed')) throw error;
      expect(error.issues?.[0]?.path).toBe('url');
      return error.issues?.[0]?.message ?? '';
    }
  };

  it('accepts an https URL with a public name or address', () => {
    expect(refusal('https://hooks.example.com/switchboard?token=abc')).toBeNull();
    expect(refusal('https://93.184.215.14:8443/hooks')).toBeNull();
    expect(refusal('https://[2606:4700:4700::1111]/hooks')).toBeNull();
  });

  it('refuses plain http unless allowed', () => {
    expect(refusal('http://hooks.example.com/')).toMatch(/https:\/\//);
    expect(
      refusal('http://hooks.example.com/', { ...strictAddressPolicy, allowHttp: true }),
    ).toBeNull();
    expect(
      refusal('ftp://hooks.example.com/', { ...strictAddressPolicy, allowHttp: true }),
    ).not.toBeNull();
  });

  it('refuses loopback, private, link-local and reserved literal addresses (SSRF)', () => {
    expect(refusal('https://127.0.0.1/hooks')).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(refusal('https://10.1.2.3/hooks')).toMatch(/private/);
    expect(refusal('https://169.254.169.254/latest/meta-data')).toMatch(/link-local/);
    expect(refusal('https://[::1]:8443/')).toMatch(/loopback/);
    expect(refusal('https://[::ffff:7f00:1]/')).toMatch(/reserved/);
    expect(refusal('https://0.0.0.0/')).toMatch(/reserved/);
    // Shorthand forms the URL parser normalises to 127.0.0.1.
    expect(refusal('https://2130706433/')).toMatch(/loopback/);
    expect(refusal('https://0x7f.1/')).toMatch(/loopback/);
    expect(refusal('https://localhost:3000/')).toMatch(/loopback name/);
    expect(refusal('https://api.localhost/')).toMatch(/loopback name/);
  });

  it('accepts private addresses when allowed', () => {
    const relaxed = { allowHttp: true, allowPrivateAddresses: true };
    expect(refusal('http://127.0.0.1:8080/hooks', relaxed)).toBeNull();
    expect(refusal('https://localhost/', relaxed)).toBeNull();
  });

  it('refuses credentials in the URL', () => {
    expect(refusal('https://user:pass@hooks.example.com/')).toMatch(/Credentials/);
  });
});
