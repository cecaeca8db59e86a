export interface Shape {
  width: number
  height: number
}

export const UNIT = 1

export function area(shape: Shape): number {
  return shape.width * shape.height
}

export function notReExported(): void {}
