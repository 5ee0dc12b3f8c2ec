// torchvision.models: architectures are added with the nn layers they need (issue 3).
export {};
