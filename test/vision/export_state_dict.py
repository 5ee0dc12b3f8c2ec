# Export a PyTorch model's state dict to Gradient Inspector's weights format, so that
# torchvision.models.resnet18({ weights: "resnet18.json" }) can load trained weights offline.
# Usage (any Python with torch/torchvision):
#   python export_state_dict.py resnet18 resnet18.json            # torchvision's default weights
#   python export_state_dict.py path/to/checkpoint.pt out.json    # a saved state_dict
# Format (see src/engine/vision/weights.ts): {"format": "gradient-inspector-state-dict",
# "version": 1, "tensors": {name: {"dtype", "shape", "data": base64 little-endian}}}.
import base64, json, sys
import torch


def encode(t):
    t = t.detach().cpu().contiguous()
    if t.dtype not in (torch.float32, torch.float64, torch.int64):
        t = t.float()
    name = str(t.dtype).replace("torch.", "")
    data = t.numpy().astype("<" + t.numpy().dtype.str[1:]).tobytes()
    return {"dtype": name, "shape": list(t.shape), "data": base64.b64encode(data).decode("ascii")}


def main(src, dst):
    if src.endswith((".pt", ".pth")):
        state = torch.load(src, map_location="cpu")
        state = state.get("state_dict", state)
    else:
        import torchvision
        state = getattr(torchvision.models, src)(weights="DEFAULT").state_dict()
    with open(dst, "w") as f:
        json.dump({"format": "gradient-inspector-state-dict", "version": 1,
                   "tensors": {k: encode(v) for k, v in state.items()}}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
