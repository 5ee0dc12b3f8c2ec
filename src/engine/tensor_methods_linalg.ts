// Tensor methods of the linear-algebra ops (t.inverse(), t.det(), t.cross(o), ...), attached to
// the prototype like tensor_methods.ts does; each forwards to the op in ops/linalg_*.ts or ops/einsum.ts.
import { Tensor } from "./tensor";
import * as D from "./ops/linalg_decomp";
import * as P from "./ops/linalg_products";
import * as E from "./ops/einsum";
import { slogdet as torchSlogdet, pinverse as torchPinverse } from "./torch_linalg";
import { transpose } from "./ops/views";

declare module "./tensor" {
  interface Tensor {
    inverse(): Tensor;
    det(): Tensor;
    logdet(): Tensor;
    slogdet(): D.SlogdetResult;
    cholesky(upper?: boolean | { upper?: boolean }): Tensor;
    qr(some?: boolean | { some?: boolean }): D.QrResult;
    svd(some?: boolean | { some?: boolean; compute_uv?: boolean }, compute_uv?: boolean): D.SvdLegacyResult;
    pinverse(rcond?: number | { rcond?: number }): Tensor;
    matrix_power(n: number): Tensor;
    matrix_exp(): Tensor;
    cross(other: Tensor, dim?: number | null | { dim?: number | null }): Tensor;
    kron(other: Tensor): Tensor;
    dist(other: Tensor, p?: number): Tensor;
    vdot(other: Tensor): Tensor;
    ger(other: Tensor): Tensor;
    readonly mH: Tensor;
  }
}

const proto = Tensor.prototype as unknown as Record<string, unknown>;
function def(name: string, fn: (this: Tensor, ...args: never[]) => unknown): void {
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}
def("inverse", function () { return D.inv(this); });
def("det", function () { return D.det(this); });
def("logdet", function () { return D.logdet(this); });
def("slogdet", function () { return torchSlogdet(this); });
def("cholesky", function (upper?: boolean | { upper?: boolean }) { return D.choleskyLegacy(this, upper); });
def("qr", function (some?: boolean | { some?: boolean }) { return D.qrLegacy(this, some); });
def("svd", function (some?: boolean | { some?: boolean; compute_uv?: boolean }, uv?: boolean) { return D.svdLegacy(this, some, uv); });
def("pinverse", function (rcond?: number | { rcond?: number }) { return torchPinverse(this, rcond); });
def("matrix_power", function (n: number) { return D.matrix_power(this, n); });
def("matrix_exp", function () { return D.matrix_exp(this); });
def("cross", function (o: Tensor, dim?: number | null | { dim?: number | null }) { return P.cross(this, o, dim); });
def("kron", function (o: Tensor) { return E.kron(this, o); });
def("dist", function (o: Tensor, p?: number) { return P.dist(this, o, p); });
def("vdot", function (o: Tensor) { return P.vdot(this, o); });
def("ger", function (o: Tensor) { return E.ger(this, o); });
if (!Object.getOwnPropertyDescriptor(proto, "mH")) {
  Object.defineProperty(proto, "mH", { get(this: Tensor) { return transpose(this, -2, -1); }, configurable: true });
}
