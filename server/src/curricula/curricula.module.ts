import { Module } from '@nestjs/common';

import { CurriculaController } from './curricula.controller.js';
import { CurriculaRepository } from './curricula.repository.js';
import { CurriculaService } from './curricula.service.js';

@Module({
  controllers: [CurriculaController],
  providers: [CurriculaRepository, CurriculaService],
})
export class CurriculaModule {}
