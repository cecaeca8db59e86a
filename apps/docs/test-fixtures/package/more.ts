export class Circle {
  constructor(readonly radius: number) {}
}
