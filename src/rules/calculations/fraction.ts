/**
 * Exact rational numbers on BigInt. Parameter values such as 13.27 or 0.235
 * are read from their decimal notation, so the calculations carry no binary
 * floating-point error and can round once, at the end.
 */
export class Fraction {
  static readonly ZERO = new Fraction(0n, 1n);
  static readonly ONE = new Fraction(1n, 1n);

  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  /** A finite number taken at its shortest decimal notation (0.1 is exactly 1/10), or an integer BigInt. */
  static of(value: number | bigint): Fraction {
    if (typeof value === 'bigint') return new Fraction(value, 1n);
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
    if (!match) throw new RangeError(`Cannot read ${value} as a decimal`);
    const [, sign, whole, decimals = '', exponentText = '0'] = match;
    const exponent = Number(exponentText) - decimals.length;
    const digits = BigInt(`${sign}${whole}${decimals}`);
    return exponent >= 0 ? Fraction.create(digits * 10n ** BigInt(exponent), 1n) : Fraction.create(digits, 10n ** BigInt(-exponent));
  }

  static ratio(numerator: number | bigint | Fraction, denominator: number | bigint | Fraction): Fraction {
    return toFraction(numerator).dividedBy(toFraction(denominator));
  }

  static sum(values: readonly Fraction[]): Fraction {
    return values.reduce((total, value) => total.plus(value), Fraction.ZERO);
  }

  static min(a: Fraction, b: Fraction): Fraction {
    return a.compare(b) <= 0 ? a : b;
  }

  static max(a: Fraction, b: Fraction): Fraction {
    return a.compare(b) >= 0 ? a : b;
  }

  private static create(numerator: bigint, denominator: bigint): Fraction {
    if (denominator === 0n) throw new RangeError('Division by zero');
    const sign = denominator < 0n ? -1n : 1n;
    const divisor = gcd(abs(numerator), abs(denominator)) || 1n;
    return new Fraction((sign * numerator) / divisor, (sign * denominator) / divisor);
  }

  plus(other: number | Fraction): Fraction {
    const o = toFraction(other);
    return Fraction.create(this.numerator * o.denominator + o.numerator * this.denominator, this.denominator * o.denominator);
  }

  minus(other: number | Fraction): Fraction {
    return this.plus(toFraction(other).negate());
  }

  times(other: number | Fraction): Fraction {
    const o = toFraction(other);
    return Fraction.create(this.numerator * o.numerator, this.denominator * o.denominator);
  }

  dividedBy(other: number | Fraction): Fraction {
    const o = toFraction(other);
    return Fraction.create(this.numerator * o.denominator, this.denominator * o.numerator);
  }

  negate(): Fraction {
    return new Fraction(-this.numerator, this.denominator);
  }

  compare(other: number | Fraction): number {
    const o = toFraction(other);
    const difference = this.numerator * o.denominator - o.numerator * this.denominator;
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.numerator === 0n;
  }

  isPositive(): boolean {
    return this.numerator > 0n;
  }

  floor(): bigint {
    const quotient = this.numerator / this.denominator;
    return this.numerator < 0n && quotient * this.denominator !== this.numerator ? quotient - 1n : quotient;
  }

  ceil(): bigint {
    return -this.negate().floor();
  }

  /** Nearest integer; halves go away from zero (commercial rounding, "half up" for amounts). */
  roundHalfUp(): bigint {
    const half = new Fraction(1n, 2n);
    return this.numerator < 0n ? -this.negate().plus(half).floor() : this.plus(half).floor();
  }

  /** For display and reporting only; calculations stay exact. */
  toNumber(): number {
    const whole = this.floor();
    const rest = this.minus(new Fraction(whole, 1n));
    return Number(whole) + Number((rest.numerator * SCALE) / rest.denominator) / Number(SCALE);
  }

  toString(): string {
    return this.denominator === 1n ? String(this.numerator) : `${this.numerator}/${this.denominator}`;
  }
}

const SCALE = 10n ** 18n;

function toFraction(value: number | bigint | Fraction): Fraction {
  return value instanceof Fraction ? value : Fraction.of(value);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
