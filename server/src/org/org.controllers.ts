import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ClassListQuery,
  CreateAreaBody,
  CreateClassBody,
  CreateSchoolBody,
  CreateUserBody,
  EnrollBody,
  EnrollmentParams,
  IdParamSchema,
  ProvinceYearBody,
  RolloverBody,
  RolloverQuery,
  SchoolListQuery,
  SchoolYearParam,
  UpdateAreaBody,
  UpdateClassBody,
  UpdateSchoolBody,
  UpdateUserBody,
  UserListQuery,
} from '@tinhtao/shared';
import type { Request } from 'express';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { ClassesService } from './classes.service.js';
import { LoginCardsService } from './login-cards.service.js';
import { ProvinceService } from './province.service.js';
import { RolloverService } from './rollover.service.js';
import { SchoolsService } from './schools.service.js';
import { UsersService } from './users.service.js';

type IdParam = { id: string };

@ApiTags('province')
@Controller()
export class ProvinceController {
  constructor(private readonly province: ProvinceService) {}

  @Get('province')
  get(@Auth() auth: AuthUser) {
    return this.province.province(auth);
  }

  @Get('areas')
  listAreas(@Auth() auth: AuthUser) {
    return this.province.listAreas(auth);
  }

  @Post('areas')
  @ApiBodyFrom(CreateAreaBody)
  createArea(@Auth() auth: AuthUser, @Body(zod(CreateAreaBody)) body: CreateAreaBody) {
    return this.province.createArea(auth, body);
  }

  @Patch('areas/:id')
  @ApiBodyFrom(UpdateAreaBody)
  updateArea(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateAreaBody)) body: UpdateAreaBody) {
    return this.province.updateArea(auth, id, body);
  }

  @Delete('areas/:id')
  @HttpCode(204)
  removeArea(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.province.removeArea(auth, id);
  }

  @Get('province-years')
  listYears(@Auth() auth: AuthUser) {
    return this.province.listYears(auth);
  }

  @Get('province-years/:year')
  getYear(@Auth() auth: AuthUser, @Param(zod(SchoolYearParam)) { year }: { year: string }) {
    return this.province.getYear(auth, year);
  }

  @Put('province-years/:year')
  @ApiBodyFrom(ProvinceYearBody)
  putYear(@Auth() auth: AuthUser, @Param(zod(SchoolYearParam)) { year }: { year: string }, @Body(zod(ProvinceYearBody)) body: ProvinceYearBody) {
    return this.province.putYear(auth, year, body);
  }
}

@ApiTags('schools')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @ApiQueryFrom(SchoolListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(SchoolListQuery)) query: SchoolListQuery) {
    return this.schools.list(auth, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.schools.get(auth, id);
  }

  @Post()
  @ApiBodyFrom(CreateSchoolBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateSchoolBody)) body: CreateSchoolBody) {
    return this.schools.create(auth, body);
  }

  @Patch(':id')
  @ApiBodyFrom(UpdateSchoolBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateSchoolBody)) body: UpdateSchoolBody) {
    return this.schools.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.schools.remove(auth, id);
  }
}

@ApiTags('classes')
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @ApiQueryFrom(ClassListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(ClassListQuery)) query: ClassListQuery) {
    return this.classes.list(auth, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.classes.get(auth, id);
  }

  @Post()
  @ApiBodyFrom(CreateClassBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateClassBody)) body: CreateClassBody) {
    return this.classes.create(auth, body);
  }

  @Patch(':id')
  @ApiBodyFrom(UpdateClassBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateClassBody)) body: UpdateClassBody) {
    return this.classes.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.classes.remove(auth, id);
  }

  @Get(':id/students')
  students(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.classes.students(auth, id);
  }

  @Post(':id/students')
  @HttpCode(200)
  @ApiBodyFrom(EnrollBody)
  enroll(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(EnrollBody)) body: EnrollBody) {
    return this.classes.enroll(auth, id, body.studentIds);
  }

  @Delete(':id/students/:studentId')
  @HttpCode(204)
  unenroll(@Auth() auth: AuthUser, @Param(zod(EnrollmentParams)) p: { id: string; studentId: string }) {
    return this.classes.unenroll(auth, p.id, p.studentId);
  }
}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiQueryFrom(UserListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(UserListQuery)) query: UserListQuery) {
    return this.users.list(auth, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.users.get(auth, id);
  }

  @Post()
  @ApiBodyFrom(CreateUserBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateUserBody)) body: CreateUserBody) {
    return this.users.create(auth, body);
  }

  @Patch(':id')
  @ApiBodyFrom(UpdateUserBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateUserBody)) body: UpdateUserBody) {
    return this.users.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  deactivate(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.users.deactivate(auth, id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  resetPassword(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.users.resetPassword(auth, id);
  }
}

/** Login cards and the new school year: about classes and accounts; tagged with imports, where the contract has always listed them. */
@ApiTags('imports')
@Controller()
export class AccountsController {
  constructor(
    private readonly cards: LoginCardsService,
    private readonly rollover: RolloverService,
  ) {}

  /** The class's login cards, PDF: name, class, username, one-time password, QR of the app's address. */
  @Get('classes/:id/login-cards')
  async loginCards(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Req() req: Request) {
    const file = await this.cards.pdf(auth, id, `${req.protocol}://${req.get('host')}`);
    return downloadFile(file.buffer, 'application/pdf', file.filename);
  }

  /** What starting the next school year would do: each class, the class it becomes, who leaves. */
  @Get('rollover')
  @ApiQueryFrom(RolloverQuery)
  rolloverPreview(@Auth() auth: AuthUser, @Query(zod(RolloverQuery)) query: RolloverQuery) {
    return this.rollover.preview(auth, query);
  }

  @Post('rollover')
  @HttpCode(200)
  @ApiBodyFrom(RolloverBody)
  rolloverApply(@Auth() auth: AuthUser, @Body(zod(RolloverBody)) body: RolloverBody) {
    return this.rollover.apply(auth, body);
  }
}
