// The `torchvision` module as user files import it. Models are built from our nn layers.
export * as models from "./vision/models";
