namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// How a request body is decoded and validated (serving spec §2.2–2.4). <see cref="Strict"/> refuses inputs the
/// signature lacks (<c>INPUT_UNKNOWN</c>) instead of ignoring them; <see cref="AllowNonFinite"/> lets NaN and
/// infinities into floating-point inputs; <see cref="LenientParams"/> ignores unknown MLflow params instead of refusing
/// them (<c>PARAM_UNKNOWN</c>). <see cref="StickyJsonField"/> names the field the sticky key is read from: a top-level
/// field of the body, else the first row's value of the input or column of that name.
/// </summary>
public sealed record DecodeOptions(
    bool Strict = false,
    bool AllowNonFinite = false,
    int MaxRows = 10_000,
    int MaxStringBytes = 65_536,
    string? StickyJsonField = null,
    int MaxDepth = 64)
{
    public static DecodeOptions Default { get; } = new();

    public bool LenientParams { get; init; }
}
