import 'reflect-metadata';
import { emitSchema } from '../schema';

emitSchema()
  .then((file) => console.log(`已生成 ${file}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
