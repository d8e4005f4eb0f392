/**
 * Exact rational arithmetic on BigInt. The calculator must be exact to the cent (and ties in the
 * largest-remainder rounding must be real ties), which binary floats cannot promise: 0.1 + 0.2 ≠ 0.3.
 * Input numbers are read through their shortest decimal form, i.e. as the person typed them.
 */
export class Q {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }

  static readonly ZERO = new Q(0n);
  static readonly ONE = new Q(1n);

  /** The exact value of the shortest decimal that prints as `x` (so 0.1 is 1/10, not 0.1000000000000000055…). */
  static from(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
    if (!m) throw new RangeError(`cannot read number ${x}`);
    const [, sign, int, frac = '', exp = '0'] = m;
    let n = BigInt(int + frac);
    let d = 10n ** BigInt(frac.length);
    const e = Number(exp);
    if (e >= 0) n *= 10n ** BigInt(e);
    else d *= 10n ** BigInt(-e);
    return new Q(sign ? -n : n, d);
  }

  static int(x: number | bigint): Q {
    return new Q(BigInt(x));
  }

  add(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  div(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  /** Largest integer ≤ this. */
  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  /** Rounded half away from zero to `digits` decimals, as an exact decimal string (no exponent). */
  toFixed(digits: number): string {
    const scale = 10n ** BigInt(digits);
    const neg = this.n < 0n;
    const abs = neg ? -this.n : this.n;
    const scaled = (abs * scale * 2n + this.d) / (this.d * 2n); // half-up on the absolute value
    let s = scaled.toString().padStart(digits + 1, '0');
    if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
    return (neg && scaled !== 0n ? '-' : '') + s;
  }
  /** Rounded to `digits` decimals (default 10) and returned as a JS number. */
  toNumber(digits = 10): number {
    return Number(this.toFixed(digits));
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function sum(xs: Q[]): Q {
  return xs.reduce((a, b) => a.add(b), Q.ZERO);
}

/** Trims trailing zeros of a fixed decimal string: "0.6000" → "0.6", "12.00" → "12". */
export function trimDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Thousands separators for a decimal string: "150000000.00" → "150,000,000.00". */
export function groupDigits(s: string): string {
  const [int, frac] = s.split('.');
  const neg = int.startsWith('-');
  const digits = (neg ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + digits + (frac !== undefined ? `.${frac}` : '');
}
