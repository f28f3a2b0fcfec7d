// TLS rung: one node:tls handshake with verification deferred, so a bad certificate is described (self-signed,
// expired, wrong host, missing intermediate) instead of only refused. Okta verifies against public CAs only.
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import type { RungResult } from './types.js';

export interface TlsCheck {
  result: RungResult;
  /** Would Okta's verified handshake succeed? */
  trusted: boolean;
  /** A TLS handshake completed at all (so an HTTP probe with verification off can still show the server's answer). */
  handshake: boolean;
  /** The reason Okta's Java client would give, for the verdict (inferred wording). */
  oktaReason?: string;
}

interface Handshake {
  protocol: string | null;
  authorized: boolean;
  authorizationError: string | null;
  cert: PeerCertificate | null;
}

const DAY_MS = 86_400_000;

function handshake(address: string, host: string, port: number, timeoutMs: number, ca?: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({
      host: address,
      port,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      // Accept old protocols here so we can name them; Okta itself needs TLS 1.2+.
      minVersion: 'TLSv1',
      // --ca adds to the public roots, as the transport does.
      ...(ca ? { ca: [...rootCertificates, ca] } : {}),
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' }));
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      const result: Handshake = {
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
        cert: cert && Object.keys(cert).length > 0 ? cert : null,
      };
      socket.end();
      socket.destroy();
      resolve(result);
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
  });
}

function describeAuthorizationError(code: string): { name: string; fix: string } {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return { name: 'the certificate is self-signed', fix: 'Install a certificate from a public CA (e.g. Let\'s Encrypt); Okta does not accept self-signed certificates.' };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return { name: 'the chain ends in a self-signed (private) root CA', fix: 'Use a certificate issued by a public CA; Okta trusts public roots only.' };
    case 'CERT_HAS_EXPIRED':
      return { name: 'the certificate has expired', fix: 'Renew the certificate and reload the server or load balancer that serves it.' };
    case 'CERT_NOT_YET_VALID':
      return { name: 'the certificate is not valid yet', fix: 'Check the server clock and the certificate\'s notBefore date.' };
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return {
        name: 'the chain cannot be verified (usually a missing intermediate certificate, or a private CA)',
        fix: 'Serve the full chain (leaf + intermediates, e.g. fullchain.pem), issued by a public CA.',
      };
    default:
      return { name: `verification failed (${code})`, fix: 'Serve a valid certificate chain from a public CA.' };
  }
}

function errCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : 'unknown error';
}

export async function checkTls(
  host: string,
  address: string,
  port: number,
  timeoutMs: number,
  extraCa?: string,
): Promise<TlsCheck> {
  const base = { rung: 'tls' as const, title: 'TLS' };
  let hs: Handshake;
  try {
    hs = await handshake(address, host, port, timeoutMs);
  } catch (err) {
    const code = errCode(err);
    const plainHttp = /WRONG_VERSION_NUMBER|packet length too long|http request/i.test(`${code} ${String(err)}`);
    const oldProtocol = /UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE/i.test(code);
    return {
      result: {
        ...base,
        status: 'fail',
        summary: plainHttp
          ? `port ${port} does not speak TLS (it looks like plain http)`
          : oldProtocol
            ? 'the server only offers TLS older than 1.2'
            : `TLS handshake failed (${code})`,
        evidence: [`handshake with ${host} (${address}:${port}): ${code}`],
        cause: plainHttp
          ? 'The base URL says https but the port answers plain http.'
          : oldProtocol
            ? 'Okta requires TLS 1.2 or newer.'
            : 'The server closed or broke the TLS handshake (wrong SNI name, a TLS-inspecting middlebox, or no certificate for this name).',
        fix: plainHttp
          ? 'Point the base URL at the https port (usually 443), or terminate TLS in front of the server.'
          : oldProtocol
            ? 'Enable TLS 1.2 and 1.3 on the server or load balancer.'
            : `Check that the server has a certificate for ${host} and accepts SNI.`,
      },
      trusted: false,
      handshake: false,
      oktaReason: plainHttp
        ? 'Unrecognized SSL message, plaintext connection?'
        : oldProtocol
          ? 'The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]'
          : 'Remote host terminated the handshake',
    };
  }

  const evidence: string[] = [`protocol ${hs.protocol ?? 'unknown'}`];
  const problems: { name: string; fix: string }[] = [];
  if (hs.protocol && /^TLSv1(\.[01])?$/.test(hs.protocol)) {
    problems.push({ name: `the server negotiated ${hs.protocol}; Okta needs TLS 1.2+`, fix: 'Enable TLS 1.2 and 1.3 and disable older versions.' });
  }
  const cert = hs.cert;
  if (cert) {
    const subjectCn = typeof cert.subject?.CN === 'string' ? cert.subject.CN : '(none)';
    const issuerCn = typeof cert.issuer?.CN === 'string' ? cert.issuer.CN : '(none)';
    evidence.push(`certificate for ${subjectCn}${cert.subjectaltname ? ` (${cert.subjectaltname})` : ''}, issued by ${issuerCn}`);
    const notAfter = Date.parse(cert.valid_to);
    const notBefore = Date.parse(cert.valid_from);
    if (!Number.isNaN(notAfter)) {
      const days = Math.floor((notAfter - Date.now()) / DAY_MS);
      evidence.push(days >= 0 ? `expires ${cert.valid_to} (in ${days} days)` : `expired ${cert.valid_to} (${-days} days ago)`);
      if (days < 0 && hs.authorizationError !== 'CERT_HAS_EXPIRED') problems.push(describeAuthorizationError('CERT_HAS_EXPIRED'));
    }
    if (!Number.isNaN(notBefore) && notBefore > Date.now() && hs.authorizationError !== 'CERT_NOT_YET_VALID') {
      problems.push(describeAuthorizationError('CERT_NOT_YET_VALID'));
    }
    const identity = checkServerIdentity(host, cert);
    if (identity) {
      evidence.push(`host name check: ${identity.message}`);
      problems.push({
        name: `the certificate is for ${cert.subjectaltname ?? subjectCn}, not ${host}`,
        fix: `Install a certificate whose subjectAltName covers ${host}, or use the host name the certificate was issued for.`,
      });
    } else {
      evidence.push(`host name ${host} matches the certificate`);
    }
  }
  if (hs.authorizationError) {
    evidence.push(`chain: ${hs.authorizationError}`);
    problems.unshift(describeAuthorizationError(hs.authorizationError));
  } else {
    evidence.push('chain: trusted by the public CA store');
  }

  if (problems.length === 0) {
    const days = cert ? Math.floor((Date.parse(cert.valid_to) - Date.now()) / DAY_MS) : Number.NaN;
    if (!Number.isNaN(days) && days < 14) {
      return {
        result: {
          ...base,
          status: 'warn',
          summary: `${hs.protocol ?? 'TLS'}, trusted certificate, but it expires in ${days} days`,
          evidence,
          cause: 'When the certificate expires, Okta\'s provisioning stops with a TLS error.',
          fix: 'Renew the certificate now (or check that auto-renewal works).',
        },
        trusted: true,
        handshake: true,
      };
    }
    return {
      result: { ...base, status: 'pass', summary: `${hs.protocol ?? 'TLS'}, trusted certificate for ${host}`, evidence },
      trusted: true,
      handshake: true,
    };
  }

  if (extraCa && hs.authorizationError) {
    try {
      const withCa = await handshake(address, host, port, timeoutMs, extraCa);
      evidence.push(withCa.authorized ? 'chain: trusted with the CA given by --ca (Okta does not have it)' : `chain with --ca: ${withCa.authorizationError ?? 'not trusted'}`);
    } catch {
      // The first handshake worked; a failure here adds nothing worth reporting.
    }
  }
  const expired = hs.authorizationError === 'CERT_HAS_EXPIRED' || problems.some((p) => p.name.includes('expired'));
  const wrongHost = problems.some((p) => p.name.startsWith('the certificate is for'));
  const oktaReason = hs.authorizationError
    ? expired
      ? 'PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed'
      : 'PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target'
    : wrongHost
      ? `Certificate for <${host}> doesn't match any of the subject alternative names`
      : 'Received fatal alert: protocol_version';
  return {
    oktaReason,
    result: {
      ...base,
      status: 'fail',
      summary: problems.map((p) => p.name).join('; '),
      evidence,
      cause: `Okta verifies the certificate and refuses the connection: ${problems.map((p) => p.name).join('; ')}.`,
      fix: [...new Set(problems.map((p) => p.fix))].join(' '),
    },
    trusted: false,
    handshake: true,
  };
}
