import { generateKeyPairSync, randomUUID, verify, type KeyObject } from 'node:crypto';
import { passKeyId, publicJwkOf, signPassQr } from '@app/pass-token';
import { Kafka, logLevel } from 'kafkajs';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import QRCode from 'qrcode';
import { loopRate, runConcurrently } from '../shared/stats';

/** The building blocks' own speed on this machine, now: what each service figure is compared to. */
export interface RawLimits {
  jwtSignPerSecond: number;
  jwtVerifyPerSecond: number;
  bareEs256VerifyPerSecond: number;
  qrSvgPerSecond: number;
  durableInsertPerSecond: number;
  tokenLength: number;
  /** The QR version (size) of the sample token at error-correction level M. */
  qrVersion: number;
}

const LOOP_MS = 1500;

export function sampleQr(): { qr: string; verifyKey: KeyObject; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Math.floor(Date.now() / 1000);
  const qr = signPassQr(
    {
      pn: '410202000001',
      pl: '豫B12345',
      ec: '91410200MA0000001X',
      cg: 'dn',
      t: 31_500,
      o: '410202',
      d: '410102',
      x: 0,
      nbf: now,
      exp: now + 86_400 * 3,
    },
    { kid: passKeyId(publicJwkOf(publicKey)), privateKey },
  );
  return { qr, verifyKey: publicKey, privateKey };
}

export function measureCryptoAndQr(): Omit<RawLimits, 'durableInsertPerSecond'> {
  const { qr, verifyKey, privateKey } = sampleQr();
  const token = qr.slice(4);
  const [header, payload] = token.split('.');
  const signature = Buffer.from(token.split('.')[2], 'base64url');
  const signingInput = Buffer.from(`${header}.${payload}`);
  const claims = jwt.decode(token) as jwt.JwtPayload;
  return {
    jwtSignPerSecond: loopRate(LOOP_MS, () => {
      jwt.sign(claims, privateKey, { algorithm: 'ES256', keyid: 'k' });
    }),
    jwtVerifyPerSecond: loopRate(LOOP_MS, () => {
      jwt.verify(token, verifyKey, { algorithms: ['ES256'] });
    }),
    bareEs256VerifyPerSecond: loopRate(LOOP_MS, () => {
      verify('sha256', signingInput, { key: verifyKey, dsaEncoding: 'ieee-p1363' }, signature);
    }),
    qrSvgPerSecond: loopRate(LOOP_MS, () => {
      void QRCode.toString([{ data: Buffer.from(qr), mode: 'byte' }], {
        type: 'svg',
        errorCorrectionLevel: 'M',
      });
    }),
    tokenLength: qr.length,
    qrVersion: qrVersionOf(qr),
  };
}

/** What a scanner has to resolve: the QR version the `qrcode` package picks at level M. */
export function qrVersionOf(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).version;
}

/** Single-row durable INSERTs from a pool of 8 with 64 in flight: the floor under any write path. */
export async function measureDurableInsert(databaseUrl: string, total: number): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  try {
    await pool.query('CREATE SCHEMA IF NOT EXISTS bench');
    await pool.query(
      'CREATE TABLE IF NOT EXISTS bench.durable_insert (id uuid PRIMARY KEY, payload text NOT NULL)',
    );
    await pool.query('TRUNCATE bench.durable_insert');
    const payload = 'x'.repeat(400);
    const run = await runConcurrently(total, 64, async () => {
      await pool.query('INSERT INTO bench.durable_insert (id, payload) VALUES ($1, $2)', [
        randomUUID(),
        payload,
      ]);
    });
    await pool.query('DROP SCHEMA bench CASCADE');
    return run.perSecond;
  } finally {
    await pool.end();
  }
}

/** Reads a whole topic with an empty handler: the most any consumer of it could do. */
export async function measureBareConsume(
  brokers: string[],
  topic: string,
): Promise<{ messages: number; perSecond: number }> {
  const kafka = new Kafka({ clientId: 'bench-raw-consume', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const consumer = kafka.consumer({
    groupId: `bench-raw-${randomUUID()}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  // Timed from the group join, so the figure is fetching and decoding, not the rebalance.
  let joinedAt = process.hrtime.bigint();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt = process.hrtime.bigint();
  });
  const done = new Promise<bigint>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= expected) resolve(process.hrtime.bigint());
        return Promise.resolve();
      },
    });
  });
  const endedAt = await Promise.race([
    done,
    new Promise<bigint>((resolve) => setTimeout(() => resolve(process.hrtime.bigint()), 60_000)),
  ]);
  await consumer.disconnect();
  const seconds = Number(endedAt - joinedAt) / 1e9;
  return { messages: seen, perSecond: seen / seconds };
}
