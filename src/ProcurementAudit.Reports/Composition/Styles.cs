using SkiaSharp;

namespace ProcurementAudit.Reports.Composition;

/// <summary>An opaque RGB colour. Our own type keeps SkiaSharp out of the public API, so the engine can be swapped.</summary>
public readonly record struct Color(byte R, byte G, byte B)
{
    public static readonly Color Black = new(0x1A, 0x1A, 0x1A);
    public static readonly Color Grey = new(0x6B, 0x72, 0x80);
    public static readonly Color LightGrey = new(0xD1, 0xD5, 0xDB);
    public static readonly Color Faint = new(0xF3, 0xF4, 0xF6);
    public static readonly Color Blue = new(0x1D, 0x4E, 0xD8);
    public static readonly Color Red = new(0xB9, 0x1C, 0x1C);
    public static readonly Color Amber = new(0xB4, 0x53, 0x09);
    public static readonly Color Green = new(0x04, 0x78, 0x57);

    /// <summary>Series colours for charts, distinct in print and for common colour-vision deficiencies.</summary>
    public static readonly IReadOnlyList<Color> Palette =
        [Blue, new(0xE6, 0x9F, 0x00), new(0x00, 0x9E, 0x73), new(0xCC, 0x79, 0xA7), new(0x56, 0xB4, 0xE9), Red];

    /// <summary>Parses "#RRGGBB".</summary>
    public static Color FromHex(string hex)
    {
        var s = hex.TrimStart('#');
        if (s.Length != 6) throw new FormatException($"Colour '{hex}' is not #RRGGBB.");
        var v = Convert.ToInt32(s, 16);
        return new((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    internal SKColor ToSk() => new(R, G, B);
}

public enum TextAlign { Left, Center, Right }

/// <summary>How a run of text looks. Sizes are in PDF points (1/72 inch).</summary>
public sealed record TextStyle
{
    public float Size { get; init; } = 10;
    public bool Bold { get; init; }
    public Color Color { get; init; } = Color.Black;
    public TextAlign Align { get; init; } = TextAlign.Left;
    /// <summary>Line height as a multiple of the font size.</summary>
    public float LineSpacing { get; init; } = 1.3f;

    public static readonly TextStyle Default = new();

    internal float LineHeight => Size * LineSpacing;

    public TextStyle WithSize(float size) => this with { Size = size };
    public TextStyle AsBold(bool bold = true) => this with { Bold = bold };
    public TextStyle WithColor(Color color) => this with { Color = color };
    public TextStyle Aligned(TextAlign align) => this with { Align = align };
}
