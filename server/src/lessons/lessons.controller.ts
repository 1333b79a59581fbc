import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GradableItemSchema, IdParamSchema, type ItemDraft, ItemListQuery, LessonBody, LessonListQuery, LibraryQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { LessonsService } from './lessons.service.js';

type IdParam = { id: string };

@ApiTags('lessons')
@Controller()
export class LessonsController {
  constructor(private readonly lessons: LessonsService) {}

  /** DESIGN §4: lessons of the published curricula the caller may see. */
  @Get('lessons')
  @ApiQueryFrom(LessonListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(LessonListQuery)) query: LessonListQuery) {
    return this.lessons.listPublished(auth, query);
  }

  /** DESIGN §4: a lesson with its items; the answer key only for staff. */
  @Get('lessons/:id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.lessons.get(auth, id);
  }

  @Post('lessons')
  @ApiBodyFrom(LessonBody)
  create(@Auth() auth: AuthUser, @Body(zod(LessonBody)) body: LessonBody) {
    return this.lessons.create(auth, body);
  }

  @Put('lessons/:id')
  @ApiBodyFrom(LessonBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(LessonBody)) body: LessonBody) {
    return this.lessons.update(auth, id, body);
  }

  @Post('lessons/:id/revisions')
  revise(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.lessons.revise(auth, id);
  }

  @Delete('lessons/:id')
  @HttpCode(204)
  delete(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.lessons.delete(auth, id);
  }

  /** The authoring library: every lesson of the province, drafts included (dept admin). */
  @Get('library/lessons')
  @ApiQueryFrom(LibraryQuery)
  library(@Auth() auth: AuthUser, @Query(zod(LibraryQuery)) query: LibraryQuery) {
    return this.lessons.library(auth, query);
  }
}

@ApiTags('lessons')
@Controller('items')
export class ItemsController {
  constructor(private readonly lessons: LessonsService) {}

  @Get()
  @ApiQueryFrom(ItemListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(ItemListQuery)) query: ItemListQuery) {
    return this.lessons.listItems(auth, query);
  }

  @Get('tags')
  tags(@Auth() auth: AuthUser) {
    return this.lessons.itemTags(auth);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.lessons.getItem(auth, id);
  }

  @Post()
  @ApiBodyFrom(GradableItemSchema)
  create(@Auth() auth: AuthUser, @Body(zod(GradableItemSchema)) body: ItemDraft) {
    return this.lessons.createItem(auth, body);
  }

  @Put(':id')
  @ApiBodyFrom(GradableItemSchema)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(GradableItemSchema)) body: ItemDraft) {
    return this.lessons.updateItem(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.lessons.deleteItem(auth, id);
  }
}
