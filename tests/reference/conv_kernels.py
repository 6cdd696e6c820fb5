"""Fixtures for the convolution kernels: conv2d and conv_transpose2d forward and both gradients, from PyTorch (float64).

Run: /usr/bin/python3 tests/reference/conv_kernels.py
"""
import torch
import fixture_io

CASES = [
    # name, transposed, N, Cin, H, W, Cout, kh, kw, stride, pad, output_pad
    ("conv_s1_p1", False, 2, 3, 7, 6, 4, 3, 3, 1, 1, 0),
    ("conv_s2_p1_k4", False, 2, 2, 8, 8, 3, 4, 4, 2, 1, 0),
    ("conv_s2_p2_rect", False, 1, 3, 9, 5, 2, 3, 2, 2, 2, 0),
    ("convt_s2_p1_k4", True, 2, 3, 4, 4, 2, 4, 4, 2, 1, 0),
    ("convt_s2_p1_op1", True, 2, 2, 3, 5, 3, 3, 3, 2, 1, 1),
]

torch.manual_seed(7)
for name, transposed, n, cin, h, w, cout, kh, kw, stride, pad, opad in CASES:
    x = torch.randn(n, cin, h, w, dtype=torch.float64, requires_grad=True)
    wshape = (cin, cout, kh, kw) if transposed else (cout, cin, kh, kw)
    weight = torch.randn(*wshape, dtype=torch.float64, requires_grad=True)
    bias = torch.randn(cout, dtype=torch.float64, requires_grad=True)
    if transposed:
        y = torch.nn.functional.conv_transpose2d(x, weight, bias, stride=stride, padding=pad, output_padding=opad)
    else:
        y = torch.nn.functional.conv2d(x, weight, bias, stride=stride, padding=pad)
    gy = torch.randn_like(y)
    y.backward(gy)
    fixture_io.write("kernels", name, {
        "transposed": int(transposed), "stride": stride, "pad": pad, "output_pad": opad,
        "x": fixture_io.arr(x), "weight": fixture_io.arr(weight), "bias": fixture_io.arr(bias),
        "y": fixture_io.arr(y), "gy": fixture_io.arr(gy),
        "gx": fixture_io.arr(x.grad), "gw": fixture_io.arr(weight.grad),
    })
