using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Export;

namespace ProcurementAudit.Core.Risk.Cardinal;

/// <summary>
/// The compiled-release exports of one scan, one per population. The Cardinal indicators of a scan read the same
/// tenders, and exporting them (loading every tender with its bids, awards and parties) is most of what each costs:
/// exported once and read by every indicator, a full scan no longer pays it ten times. All indicators of the scan
/// also judge the very same snapshot of the tenders.
/// </summary>
public sealed class CardinalExports : IAsyncDisposable
{
    private readonly Dictionary<string, CardinalExport> _byPopulation = new(StringComparer.Ordinal);

    internal async Task<CardinalExport> GetAsync(IQueryable<Tender> tenders, CancellationToken ct)
    {
        // The query's SQL, with its parameter values, names the population.
        var population = tenders.ToQueryString();
        if (_byPopulation.TryGetValue(population, out var known)) return known;
        var export = await CardinalExport.WriteAsync(tenders, ct);
        _byPopulation[population] = export;
        return export;
    }

    /// <summary>How many populations were exported.</summary>
    internal int Count => _byPopulation.Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var export in _byPopulation.Values) await export.DisposeAsync();
        _byPopulation.Clear();
    }
}

/// <summary>Tenders exported as compiled releases to a temporary file (memory stays flat however many), with the tender behind every ocid.</summary>
internal sealed class CardinalExport : IAsyncDisposable
{
    private CardinalExport(FileStream file, IReadOnlyDictionary<string, ExportedTender> tenders)
    {
        File = file;
        Tenders = tenders;
    }

    public FileStream File { get; }
    public IReadOnlyDictionary<string, ExportedTender> Tenders { get; }

    public static async Task<CardinalExport> WriteAsync(IQueryable<Tender> tenders, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pa-cardinal-{Guid.NewGuid():N}.jsonl");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            return new CardinalExport(file, await OcdsTenderExporter.WriteJsonLinesAsync(tenders, file, ct));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
