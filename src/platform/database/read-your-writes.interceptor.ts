import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { concatMap, type Observable } from 'rxjs';
import { requestContext } from '../http/request-context.js';
import { Transactions } from './transactions.js';

const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request that may have written outside a transaction (a single statement)
 * still lets its user read their own writes from then on: see
 * Transactions.rememberWrite.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly transactions: Transactions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.getType() === 'http' ? context.switchToHttp().getRequest<Request>().method : 'GET';
    if (READING_METHODS.has(method)) return next.handle();
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        const userId = requestContext.get().actor?.userId;
        if (userId) await this.transactions.rememberWrite(userId);
        return value;
      }),
    );
  }
}
