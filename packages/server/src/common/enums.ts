import { registerEnumType } from 'type-graphql';

/** Registers a string enum with a Chinese description for the type and each value. */
export function registerChineseEnum<T extends Record<string, string>>(
  values: T,
  name: string,
  description: string,
  labels: Record<keyof T, string>,
): void {
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.entries(labels).map(([key, label]) => [key, { description: label }]),
    ) as never,
  });
}
