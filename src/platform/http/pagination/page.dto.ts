import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Far beyond any list (100 per page); it keeps the database offset within range. */
const MAX_PAGE = 100_000;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25, example: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** The documented shape of a `Page<T>` answer, named after its item (`PlacementDto` -> `PlacementPageDto`). */
export function pageDtoOf<T>(item: Class<T>): Class<Page<T>> {
  class PageDto implements Page<T> {
    items!: T[];
    page!: number;
    pageSize!: number;
    total!: number;
  }
  ApiProperty({ type: [item] })(PageDto.prototype, 'items');
  ApiProperty({ type: 'integer', example: 1, minimum: 1 })(PageDto.prototype, 'page');
  ApiProperty({ type: 'integer', example: 25, minimum: 1, maximum: 100 })(PageDto.prototype, 'pageSize');
  ApiProperty({ type: 'integer', example: 1, minimum: 0, description: 'All items on all pages' })(PageDto.prototype, 'total');
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}

export function pageWindow(query: PageQueryDto): { page: number; pageSize: number; skip: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  return { page, pageSize, skip: (page - 1) * pageSize };
}
