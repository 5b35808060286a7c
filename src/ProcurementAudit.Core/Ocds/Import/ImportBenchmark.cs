using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Ocds.Import;

public sealed record ImportBenchmarkResult(int Releases, int Imported, int Skipped, TimeSpan Elapsed, double ReleasesPerSecond, long PeakWorkingSetBytes, long InputBytes);

/// <summary>
/// The import half of <c>bench ocds</c>: imports a JSONL stream of compiled releases into a fresh SQLite file and
/// reports releases per second and the process's peak working set.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<ImportBenchmarkResult> RunAsync(Stream jsonl, string databasePath, int batchSize = 500, CancellationToken ct = default)
    {
        if (File.Exists(databasePath)) File.Delete(databasePath);
        var options = new DbContextOptionsBuilder<AuditDbContext>();
        new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }.Apply(options);
        await using var db = new AuditDbContext(options.Options);
        await db.Database.MigrateAsync(ct);

        var importer = new OcdsImporter(db, TimeProvider.System, new NoMediator(), NullLogger<OcdsImporter>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var summary = await importer.ImportAsync(jsonl, new OcdsImportOptions { BatchSize = batchSize, Actor = "bench" }, null, ct);
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ImportBenchmarkResult(summary.Read, summary.Imported + summary.Updated, summary.SkippedCount, stopwatch.Elapsed,
            summary.Read / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), process.PeakWorkingSet64, summary.BytesRead);
    }

    private sealed class NoMediator : IMediator
    {
        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task Publish(object notification, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => Task.CompletedTask;
    }
}

/// <summary>
/// A stand-in generator of synthetic compiled releases as JSONL, produced on demand (nothing held in memory), until
/// the shared generator in Ocds/Synthetic is available: fixed seed, 1 to 8 bids, 1 to 3 awards, items, parties.
/// </summary>
public sealed class SyntheticJsonlStream(int releases, int seed = 42) : Stream
{
    private readonly Random _random = new(seed);
    private int _next;
    private byte[] _pending = [];
    private int _offset;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _pending.Length)
            {
                if (_next == releases) break;
                _pending = Encoding.UTF8.GetBytes(Release(_next++));
                _offset = 0;
            }
            var n = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }
        return written;
    }

    private string Release(int n)
    {
        var r = _random;
        var inv = CultureInfo.InvariantCulture;
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r.Next(0, 60 * 24 * 365 * 4));
        var end = start.AddDays(r.Next(3, 40));
        var buyer = r.Next(1, 2000);
        var estimate = r.Next(10_000, 5_000_000);
        var bids = r.Next(1, 9);
        var awards = r.Next(1, 4);
        var sb = new StringBuilder(2048);
        sb.Append(inv, $"{{\"ocid\":\"ocds-bench-{n:D9}\",\"id\":\"{n}\",\"date\":\"{end:O}\",\"tag\":[\"compiled\"],\"initiationType\":\"tender\",");
        sb.Append(inv, $"\"buyer\":{{\"id\":\"UA-EDR-{buyer:D8}\",\"name\":\"Buyer {buyer}\"}},");
        sb.Append("\"parties\":[");
        sb.Append(inv, $"{{\"id\":\"UA-EDR-{buyer:D8}\",\"name\":\"Buyer {buyer}\",\"roles\":[\"buyer\",\"procuringEntity\"],\"identifier\":{{\"scheme\":\"UA-EDR\",\"id\":\"{buyer:D8}\"}},\"contactPoint\":{{\"email\":\"b{buyer}@example.org\",\"telephone\":\"+380{buyer:D9}\"}},\"address\":{{\"locality\":\"Kyiv\"}}}}");
        var tenderers = new int[bids];
        for (var i = 0; i < bids; i++)
        {
            tenderers[i] = r.Next(1, 50_000);
            sb.Append(inv, $",{{\"id\":\"UA-EDR-{tenderers[i]:D8}\",\"name\":\"Supplier {tenderers[i]}\",\"roles\":[\"tenderer\"],\"identifier\":{{\"scheme\":\"UA-EDR\",\"id\":\"{tenderers[i]:D8}\"}}}}");
        }
        sb.Append("],");
        sb.Append(inv, $"\"tender\":{{\"id\":\"t{n}\",\"title\":\"Purchase {n}\",\"status\":\"complete\",\"procurementMethod\":\"{(r.Next(4) == 0 ? "limited" : "open")}\",\"mainProcurementCategory\":\"goods\",");
        sb.Append(inv, $"\"value\":{{\"amount\":{estimate},\"currency\":\"UAH\"}},\"tenderPeriod\":{{\"startDate\":\"{start:O}\",\"endDate\":\"{end:O}\"}},");
        sb.Append("\"items\":[");
        var items = r.Next(1, 4);
        for (var i = 0; i < items; i++)
            sb.Append(inv, $"{(i > 0 ? "," : "")}{{\"id\":\"{i + 1}\",\"description\":\"Item {i + 1}\",\"quantity\":{r.Next(1, 100)},\"classification\":{{\"scheme\":\"CPV\",\"id\":\"{r.Next(03000000, 98000000):D8}-{r.Next(10)}\"}}}}");
        sb.Append("]},\"bids\":{\"details\":[");
        for (var i = 0; i < bids; i++)
            sb.Append(inv, $"{(i > 0 ? "," : "")}{{\"id\":\"b{i + 1}\",\"status\":\"{(r.Next(6) == 0 ? "disqualified" : "valid")}\",\"date\":\"{start.AddHours(i + 1):O}\",\"value\":{{\"amount\":{estimate - r.Next(0, estimate / 3)},\"currency\":\"UAH\"}},\"tenderers\":[{{\"id\":\"UA-EDR-{tenderers[i]:D8}\",\"name\":\"Supplier {tenderers[i]}\"}}]}}");
        sb.Append("]},\"awards\":[");
        for (var i = 0; i < awards; i++)
        {
            var winner = tenderers[r.Next(bids)];
            sb.Append(inv, $"{(i > 0 ? "," : "")}{{\"id\":\"a{i + 1}\",\"status\":\"{(i == awards - 1 ? "active" : "unsuccessful")}\",\"date\":\"{end.AddDays(i + 1):O}\",\"value\":{{\"amount\":{estimate - r.Next(0, estimate / 3)},\"currency\":\"UAH\"}},\"suppliers\":[{{\"id\":\"UA-EDR-{winner:D8}\",\"name\":\"Supplier {winner}\"}}]}}");
        }
        sb.Append(inv, $"],\"contracts\":[{{\"id\":\"c1\",\"awardID\":\"a{awards}\",\"status\":\"active\",\"dateSigned\":\"{end.AddDays(awards + 2):O}\",\"value\":{{\"amount\":{estimate - r.Next(0, estimate / 3)},\"currency\":\"UAH\"}}}}]}}\n");
        return sb.ToString();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
