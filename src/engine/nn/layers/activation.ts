// Activation modules: thin wrappers over nn.functional, printed as PyTorch prints them.
import { Tensor } from "../../tensor";
import { Module, keepNames } from "../module";
import * as F from "../functional";
import { pyRepr } from "./format";

export class ReLU extends Module {
  inplace: boolean;
  constructor(inplace: boolean | { inplace?: boolean } = false) {
    super();
    this.inplace = typeof inplace === "object" ? inplace.inplace ?? false : inplace;
  }
  override forward(input: Tensor): Tensor { return F.relu(input, this.inplace); }
  override extra_repr(): string { return this.inplace ? "inplace=True" : ""; }
}

export class LeakyReLU extends Module {
  negative_slope: number;
  inplace: boolean;
  constructor(negative_slope: number | { negative_slope?: number; inplace?: boolean } = 0.01, inplace = false) {
    super();
    const o = typeof negative_slope === "object" ? negative_slope : { negative_slope, inplace };
    this.negative_slope = o.negative_slope ?? 0.01;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor { return F.leaky_relu(input, this.negative_slope, this.inplace); }
  override extra_repr(): string { return `negative_slope=${pyRepr(this.negative_slope, true)}${this.inplace ? ", inplace=True" : ""}`; }
}

export class GELU extends Module {
  approximate: "none" | "tanh";
  constructor(approximate: "none" | "tanh" | { approximate?: "none" | "tanh" } = "none") {
    super();
    this.approximate = typeof approximate === "object" ? approximate.approximate ?? "none" : approximate;
  }
  override forward(input: Tensor): Tensor { return F.gelu(input, this.approximate); }
  override extra_repr(): string { return `approximate='${this.approximate}'`; }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor { return F.sigmoid(input); }
}
export class Tanh extends Module {
  override forward(input: Tensor): Tensor { return F.tanh(input); }
}

export class Softmax extends Module {
  dim: number | null;
  constructor(dim: number | null | { dim?: number | null } = null) {
    super();
    this.dim = typeof dim === "object" && dim !== null ? dim.dim ?? null : dim;
  }
  override forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
  override extra_repr(): string { return `dim=${pyRepr(this.dim)}`; }
}
export class LogSoftmax extends Module {
  dim: number | null;
  constructor(dim: number | null | { dim?: number | null } = null) {
    super();
    this.dim = typeof dim === "object" && dim !== null ? dim.dim ?? null : dim;
  }
  override forward(input: Tensor): Tensor { return F.log_softmax(input, this.dim); }
  override extra_repr(): string { return `dim=${pyRepr(this.dim)}`; }
}

keepNames({ ReLU, LeakyReLU, GELU, Sigmoid, Tanh, Softmax, LogSoftmax });
