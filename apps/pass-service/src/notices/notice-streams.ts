import {
  Inject,
  Injectable,
  Logger,
  type MessageEvent,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AuthenticatedUser } from '@app/auth';
import { AppError, PeriodicTask } from '@app/platform';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import {
  cursorText,
  isAfter,
  toNoticeView,
  type NoticeCursor,
  type NoticeRecord,
} from './notice.record';
import { NoticesRepository } from './notices.repository';

/** Notices read per query, by the replica's poll and by a resuming stream. */
const PAGE = 500;
/** A stream resuming further back than this many notices is told to reload instead. */
const MAX_BACKLOG = 2_000;
/** A comment-like event now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;

interface Stream {
  enterpriseId: string;
  cursor: NoticeCursor;
  /** Until the backlog is sent, polled notices wait here (in order) instead of going out. */
  catchingUp: boolean;
  buffer: NoticeRecord[];
  send: (event: MessageEvent) => void;
}

/**
 * The live status streams this replica holds. Every replica reads the shared notices table by
 * cursor (at most one query per poll interval, and only while it holds a stream), so a change
 * decided on any replica reaches a portal connected to any other. A stream that resumes
 * (Last-Event-ID) first gets what it missed, from the table, then the live notices.
 */
@Injectable()
export class NoticeStreams implements OnModuleDestroy {
  private readonly log = new Logger('NoticeStreams');
  private readonly byEnterprise = new Map<string, Set<Stream>>();
  private readonly perUser = new Map<string, number>();
  private cursor?: NoticeCursor;
  private readonly polls = new PeriodicTask('reading notices', () => this.poll(), this.log);
  /** Streams' catch-up reads in flight, waited for at shutdown as the poll is. */
  private readonly catchUps = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  /** Refused with 429 when the user already holds as many streams as allowed on this replica. */
  open(user: AuthenticatedUser, resumeFrom: NoticeCursor | undefined): Observable<MessageEvent> {
    const enterpriseId = user.enterpriseId;
    if (!enterpriseId) throw new Error('a notice stream needs an enterprise user');
    const held = this.perUser.get(user.userId) ?? 0;
    if (held >= this.config.notices.maxStreamsPerUser) {
      throw AppError.tooManyRequests(
        'TOO_MANY_STREAMS',
        `At most ${this.config.notices.maxStreamsPerUser} live status streams per user; close another tab first.`,
        30,
      );
    }
    // The stream ends with the access token that opened it: the page opens the next one with a
    // fresh token, resuming from the last notice it had.
    const lifetimeMs = this.config.accessTokenTtlSeconds * 1000;
    return new Observable<MessageEvent>((subscriber) => {
      const stream: Stream = {
        enterpriseId,
        cursor: resumeFrom ?? { tx: 0n, seq: 0n },
        catchingUp: true,
        buffer: [],
        send: (event) => subscriber.next(event),
      };
      this.perUser.set(user.userId, (this.perUser.get(user.userId) ?? 0) + 1);
      const set = this.byEnterprise.get(enterpriseId) ?? new Set<Stream>();
      this.byEnterprise.set(enterpriseId, set);
      set.add(stream);
      this.ensurePolling();
      const keepalive = setInterval(
        () => subscriber.next({ type: 'ping', data: '' }),
        KEEPALIVE_MS,
      );
      const end = setTimeout(() => {
        subscriber.next({ type: 'reconnect', data: '' });
        subscriber.complete();
      }, lifetimeMs);
      const catchUp = this.catchUp(stream, resumeFrom)
        .catch((error: unknown) => {
          this.log.warn(`a stream could not catch up: ${String(error)}`);
          subscriber.complete();
        })
        .finally(() => this.catchUps.delete(catchUp));
      this.catchUps.add(catchUp);
      return () => {
        clearInterval(keepalive);
        clearTimeout(end);
        set.delete(stream);
        if (set.size === 0 && this.byEnterprise.get(enterpriseId) === set)
          this.byEnterprise.delete(enterpriseId);
        const left = (this.perUser.get(user.userId) ?? 1) - 1;
        if (left > 0) this.perUser.set(user.userId, left);
        else this.perUser.delete(user.userId);
        if (this.byEnterprise.size === 0) this.stopPolling();
      };
    });
  }

  /** Before the database closes: no read is left to fail on a closed pool. */
  async onModuleDestroy(): Promise<void> {
    this.stopPolling();
    await Promise.all([this.polls.stop(), ...this.catchUps]);
  }

  private async catchUp(stream: Stream, resumeFrom: NoticeCursor | undefined): Promise<void> {
    const manager = this.dataSource.manager;
    if (resumeFrom === undefined) {
      // From where this replica's poll stands: whatever it reads next reaches the stream.
      stream.cursor = await this.pollCursor();
    } else {
      for (let sent = 0; ;) {
        const page = await this.notices.after(manager, stream.cursor, PAGE, stream.enterpriseId);
        for (const notice of page) this.emit(stream, notice);
        sent += page.length;
        if (page.length < PAGE) break;
        if (sent >= MAX_BACKLOG) {
          // Too far behind to replay: the page reloads its list and goes on from now.
          stream.cursor = await this.notices.head(manager);
          stream.send({ type: 'resync', data: '', id: cursorText(stream.cursor) });
          break;
        }
      }
    }
    for (const notice of stream.buffer) this.emit(stream, notice);
    stream.buffer = [];
    stream.catchingUp = false;
    stream.send({ type: 'ready', data: '', id: cursorText(stream.cursor) });
  }

  private emit(stream: Stream, notice: NoticeRecord): void {
    if (!isAfter(notice.cursor, stream.cursor)) return;
    stream.cursor = notice.cursor;
    stream.send({
      type: 'notice',
      id: cursorText(notice.cursor),
      data: JSON.stringify(toNoticeView(notice)),
    });
  }

  private ensurePolling(): void {
    this.polls.start(this.config.notices.pollIntervalMs);
  }

  private stopPolling(): void {
    void this.polls.stop();
    // Read from the head again when a stream next opens: nobody needs what came in between.
    this.cursor = undefined;
  }

  private async poll(): Promise<void> {
    const manager = this.dataSource.manager;
    this.cursor = await this.pollCursor();
    for (;;) {
      const page = await this.notices.after(manager, this.cursor, PAGE);
      for (const notice of page) this.dispatch(notice);
      if (page.length > 0) this.cursor = page[page.length - 1].cursor;
      if (page.length < PAGE || !this.polls.started) break;
    }
  }

  private starting?: Promise<NoticeCursor>;

  /** The poll's cursor, from the head of the table when the poll (re)starts. */
  private async pollCursor(): Promise<NoticeCursor> {
    if (this.cursor) return this.cursor;
    this.starting ??= this.notices.head(this.dataSource.manager).finally(() => {
      this.starting = undefined;
    });
    const head = await this.starting;
    this.cursor ??= head;
    return this.cursor;
  }

  private dispatch(notice: NoticeRecord): void {
    const streams = this.byEnterprise.get(notice.enterpriseId);
    if (!streams) return;
    for (const stream of streams) {
      if (stream.catchingUp) stream.buffer.push(notice);
      else this.emit(stream, notice);
    }
  }
}
