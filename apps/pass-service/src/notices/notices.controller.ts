import { Controller, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { AppError, Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';
import type { Observable } from 'rxjs';
import { parseNoticeCursor } from './notice.record';
import { NoticeStreams } from './notice-streams';
import { noticeStreamQuery, type NoticeStreamQuery } from './webhook.schemas';

@ApiTags('notices')
@ApiBearerAuth()
@Roles('enterprise')
@Controller('v1/passes/notices')
export class NoticesController {
  constructor(private readonly streams: NoticeStreams) {}

  @Contract({
    summary: "A live stream of the status changes of the enterprise's passes (SSE)",
    description:
      'Event `notice` per change (issued, rejected, revoked), its cursor as the event id. Resume with Last-Event-ID (or `?lastEventId=`); an EventSource may send the token as `?access_token=`.',
    query: noticeStreamQuery,
    headers: z.object({ 'last-event-id': z.string().optional() }),
    responses: { 200: { media: 'text/event-stream', description: 'Server-Sent Events' } },
    errors: { 400: ['LAST_EVENT_ID_INVALID'], 429: ['TOO_MANY_STREAMS'] },
  })
  /**
   * Server-Sent Events: `notice` for each status change of the caller's enterprise's passes
   * (issued, rejected, revoked), with the notice's cursor as the event id. The browser sends it
   * back as Last-Event-ID when it reconnects (a page opening a new EventSource passes it as
   * `?lastEventId=`), and the stream resumes after it. The access token may come as
   * `?access_token=` (an EventSource cannot set a header).
   */
  @Sse('stream')
  stream(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(noticeStreamQuery)) query: NoticeStreamQuery,
    @Headers('last-event-id') header: string | undefined,
  ): Observable<MessageEvent> {
    // The header is newer: a browser reconnecting on its own sends it with the page's old URL.
    const resume = header || query.lastEventId;
    if (resume === undefined || resume === '') return this.streams.open(user, undefined);
    const cursor = parseNoticeCursor(resume);
    if (!cursor) {
      throw AppError.badRequest(
        'LAST_EVENT_ID_INVALID',
        'Last-Event-ID: not an id this stream sent.',
      );
    }
    return this.streams.open(user, cursor);
  }
}
