using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcurementAudit.Core.Ocds.Cardinal;

/// <summary>
/// Writes JSON the way Cardinal (serde_json) does, so our output is byte-compatible: compact, raw UTF-8, only quotes,
/// backslashes and control characters escaped, floats in Ryu's shortest form (<c>1.0</c>, <c>0.2</c>, <c>1e-7</c>) and
/// non-finite floats as <c>null</c>.
/// </summary>
internal static class SerdeJson
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "null";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.');
        var integer = dot < 0 ? r : r[..dot];
        var digits = dot < 0 ? r : integer + r[(dot + 1)..];
        var point = integer.Length + exponent; // digits before the decimal point
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        digits = digits[leading..].TrimEnd('0');
        point -= leading;

        var length = digits.Length;
        var k = point - length; // exponent of the last digit
        var sb = new StringBuilder(24);
        if (value < 0) sb.Append('-');
        if (k >= 0 && point <= 16)
            sb.Append(digits).Append('0', k).Append(".0");
        else if (point > 0 && point <= 16)
            sb.Append(digits, 0, point).Append('.').Append(digits, point, length - point);
        else if (point > -5 && point <= 0)
            sb.Append("0.").Append('0', -point).Append(digits);
        else if (length == 1)
            sb.Append(digits).Append('e').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        else
            sb.Append(digits[0]).Append('.').Append(digits, 1, length - 1).Append('e').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>A JSON number as serde_json prints it after parsing: integers that fit 64 bits verbatim, others as f64.</summary>
    public static string FormatNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny(".eE") < 0)
        {
            if (raw.StartsWith('-'))
            {
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    return n == 0 ? "-0.0" : n.ToString(CultureInfo.InvariantCulture);
            }
            else if (ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
                return u.ToString(CultureInfo.InvariantCulture);
        }
        return FormatFloat(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length) * 6 + 2;
        var span = output.GetSpan(Math.Max(max, 16));
        var written = 0;
        span[written++] = (byte)'"';
        Span<byte> utf8 = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var count = Encoding.UTF8.GetBytes(value, utf8);
        foreach (var b in utf8[..count])
        {
            switch (b)
            {
                case (byte)'"': span[written++] = (byte)'\\'; span[written++] = (byte)'"'; break;
                case (byte)'\\': span[written++] = (byte)'\\'; span[written++] = (byte)'\\'; break;
                case (byte)'\n': span[written++] = (byte)'\\'; span[written++] = (byte)'n'; break;
                case (byte)'\r': span[written++] = (byte)'\\'; span[written++] = (byte)'r'; break;
                case (byte)'\t': span[written++] = (byte)'\\'; span[written++] = (byte)'t'; break;
                case 0x08: span[written++] = (byte)'\\'; span[written++] = (byte)'b'; break;
                case 0x0C: span[written++] = (byte)'\\'; span[written++] = (byte)'f'; break;
                case < 0x20:
                    "\\u00"u8.CopyTo(span[written..]);
                    written += 4;
                    span[written++] = Hex[b >> 4];
                    span[written++] = Hex[b & 0xF];
                    break;
                default: span[written++] = b; break;
            }
        }
        span[written++] = (byte)'"';
        output.Advance(written);
    }

    public static void WriteRaw(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var n = Encoding.UTF8.GetBytes(ascii, span);
        output.Advance(n);
    }

    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public static void WriteFloat(IBufferWriter<byte> output, double value) => WriteRaw(output, FormatFloat(value));

    public static void WriteNode(IBufferWriter<byte> output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                WriteRaw(output, "null"u8);
                break;
            case JsonObject obj:
                WriteRaw(output, "{"u8);
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) WriteRaw(output, ","u8);
                    first = false;
                    WriteString(output, key);
                    WriteRaw(output, ":"u8);
                    WriteNode(output, value);
                }
                WriteRaw(output, "}"u8);
                break;
            case JsonArray array:
                WriteRaw(output, "["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) WriteRaw(output, ","u8);
                    WriteNode(output, array[i]);
                }
                WriteRaw(output, "]"u8);
                break;
            default:
                var kind = node.GetValueKind();
                switch (kind)
                {
                    case JsonValueKind.String: WriteString(output, node.GetValue<string>()); break;
                    case JsonValueKind.Number: WriteRaw(output, NumberText(node.AsValue())); break;
                    case JsonValueKind.True: WriteRaw(output, "true"u8); break;
                    case JsonValueKind.False: WriteRaw(output, "false"u8); break;
                    default: WriteRaw(output, "null"u8); break;
                }
                break;
        }
    }

    /// <summary>serde_json's Number::to_string for a parsed number node.</summary>
    public static string NumberText(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element)
            ? FormatNumber(element.GetRawText())
            : FormatNumber(value.ToJsonString());
}

/// <summary>serde_json's <c>Value::get</c> and friends over a JsonElement: a missing key and a non-object both give nothing.</summary>
internal static class Json
{
    public static bool TryGet(this JsonElement element, ReadOnlySpan<byte> name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object) return element.TryGetProperty(name, out value);
        value = default;
        return false;
    }

    public static bool TryGetObject(this JsonElement element, ReadOnlySpan<byte> name, out JsonElement value) =>
        element.TryGet(name, out value) && value.ValueKind == JsonValueKind.Object;

    public static bool TryGetArray(this JsonElement element, ReadOnlySpan<byte> name, out JsonElement value) =>
        element.TryGet(name, out value) && value.ValueKind == JsonValueKind.Array;

    public static bool TryGetString(this JsonElement element, ReadOnlySpan<byte> name, out JsonElement value) =>
        element.TryGet(name, out value) && value.ValueKind == JsonValueKind.String;

    public static bool TryGetString(this JsonElement element, ReadOnlySpan<byte> name, out string value)
    {
        if (element.TryGet(name, out var v) && v.ValueKind == JsonValueKind.String)
        {
            value = v.GetString()!;
            return true;
        }
        value = "";
        return false;
    }

    public static bool TryGetNumber(this JsonElement element, ReadOnlySpan<byte> name, out double value)
    {
        if (element.TryGet(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value)) return true;
        value = 0;
        return false;
    }

    public static bool StringIs(this JsonElement element, ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected) =>
        element.TryGet(name, out var v) && v.ValueKind == JsonValueKind.String && v.ValueEquals(expected);

    public static bool IsString(this JsonElement element, ReadOnlySpan<byte> expected) =>
        element.ValueKind == JsonValueKind.String && element.ValueEquals(expected);
}
