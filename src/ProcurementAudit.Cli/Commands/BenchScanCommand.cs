using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Cli.Commands;

/// <summary>
/// <c>bench scan --tenders N</c>: synthetic procurement data written straight into a fresh SQLite file (fixed seed),
/// a full P-* scan over it, then one-procedure rescans. Reports seconds, tenders/s, peak memory and rescan times.
/// </summary>
public static class BenchScanCommand
{
    public static Command CreateScan(string name = "scan")
    {
        var tenders = new Option<int>("--tenders") { Description = "How many synthetic tenders.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the generator.", DefaultValueFactory = _ => 42 };
        var dataFolder = new Option<string?>("--data-folder") { Description = "Folder for the benchmark database (default: a new temporary folder, deleted afterwards)." };
        var all = new Option<bool>("--all-indicators") { Description = "Scan with every indicator (R018 too), not only the P-* ones." };
        var reuse = new Option<bool>("--reuse") { Description = "Reuse the database a previous run left in --data-folder (no generation): times a scan that finds the flags already in place." };
        var command = new Command(name, "Benchmark the risk engine: generate N tenders into SQLite, run a full P-* scan and one-procedure rescans.")
        {
            tenders, seed, dataFolder, all, reuse,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(tenders);
            if (n < 1)
            {
                await Console.Error.WriteLineAsync("--tenders must be at least 1.");
                return 2;
            }
            var folder = parse.GetValue(dataFolder);
            var temporary = folder is null;
            // A folder given on purpose is kept, so `scan --data-folder` can be timed on the same data afterwards.
            folder ??= Path.Combine(Path.GetTempPath(), "pa-bench-" + Guid.NewGuid().ToString("N"));
            var existing = File.Exists(Path.Combine(folder, "procurement-audit.db"));
            if (existing && !parse.GetValue(reuse))
            {
                await Console.Error.WriteLineAsync($"{folder} already holds a database; the benchmark needs an empty folder.");
                return 2;
            }
            try
            {
                return await RunAsync(folder, n, parse.GetValue(seed), parse.GetValue(all), generate: !existing, ct);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (temporary) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string folder, int n, int seed, bool allIndicators, bool generate, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        await using var services = CliHost.Build(folder);
        await CliHost.MigrateAsync(services, ct);
        var connectionString = services.GetRequiredService<DatabaseOptions>().SqliteConnectionString();

        if (generate)
        {
            var generation = Stopwatch.StartNew();
            var rows = await SyntheticData.GenerateAsync(connectionString, n, seed, ct);
            generation.Stop();
            Console.WriteLine(string.Create(c, $"generated {n:N0} tenders ({rows:N0} rows) in {generation.Elapsed.TotalSeconds:0.0} s"));
        }
        else Console.WriteLine($"reusing the database in {folder} (--tenders should match the run that made it)");

        string[]? codes;
        await using (var scope = services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
            codes = allIndicators ? null : [.. catalog.All.Where(i => i.Code.StartsWith("P-", StringComparison.Ordinal)).Select(i => i.Code)];
        }

        GC.Collect();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var sampler = new PeakMemorySampler();
        ScanReport report;
        await using (var scope = services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunFullScan.Command(codes, "bench"), ct);
        var peak = sampler.Stop();
        // CPU time too: on a shared machine the wall clock also measures everyone else's load.
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        ScanCommand.Print(report);

        // Rescans: the tender in the middle, and tenders that carry group flags (their peers are rescanned too).
        var targets = new List<int> { Math.Max(1, n / 2) };
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            targets.AddRange(await db.Flags.Where(f => f.ProcedureId != 0 && f.SubjectKey != "" && f.Status == FlagStatus.Open)
                .OrderBy(f => f.Id).Select(f => f.ProcedureId).Distinct().Take(9).ToListAsync(ct));
        }
        var timings = new List<double>();
        var rescanCpu = TimeSpan.Zero;
        var perIndicator = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var round = 0; round < 3; round++)
        {
            foreach (var id in targets)
            {
                await using var scope = services.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var rescan = await mediator.Send(new RescanProcedure.Command(ProcedureKind.Tender, id, "bench"), ct);
                watch.Stop();
                if (round == 0) continue; // the first round warms up query compilation
                foreach (var indicator in rescan.Indicators)
                    perIndicator[indicator.Code] = perIndicator.GetValueOrDefault(indicator.Code) + indicator.Seconds * 1000;
                timings.Add(watch.Elapsed.TotalMilliseconds);
                rescanCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
            }
        }
        timings.Sort();

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"tenders              {n:N0}"));
        Console.WriteLine(string.Create(c, $"full scan            {report.Seconds:0.00} s ({(allIndicators ? "all indicators" : "P-* indicators")})"));
        Console.WriteLine(string.Create(c, $"throughput           {n / report.Seconds:N0} tenders/s"));
        Console.WriteLine(string.Create(c, $"scan CPU time        {cpu:0.00} s ({n / cpu:N0} tenders per CPU second; load average {LoadAverage()} on {Environment.ProcessorCount} cores)"));
        Console.WriteLine(string.Create(c, $"flags active         {report.Total.Active:N0}"));
        Console.WriteLine(string.Create(c, $"peak working set     {peak.WorkingSet / 1048576.0:0} MiB during the scan (managed heap peak {peak.Managed / 1048576.0:0} MiB)"));
        Console.WriteLine(string.Create(c, $"rescan one tender    median {timings[timings.Count / 2]:0.0} ms, max {timings[^1]:0.0} ms over {timings.Count} rescans; mean CPU {rescanCpu.TotalMilliseconds / timings.Count:0.0} ms"));
        // Where a rescan spends its time: the mean wall time of each indicator it ran.
        Console.WriteLine("rescan per indicator " + string.Join(", ", perIndicator.OrderByDescending(p => p.Value)
            .Select(p => string.Create(c, $"{p.Key} {p.Value / timings.Count:0.0} ms"))));
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Samples the process's working set and managed heap while the scan runs.</summary>
    internal sealed class PeakMemorySampler : IDisposable
    {
        private readonly Timer timer;
        private long workingSet;
        private long managed;

        public PeakMemorySampler() => timer = new Timer(_ => Sample(), null, 0, 50);

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            InterlockedMax(ref workingSet, process.WorkingSet64);
            InterlockedMax(ref managed, GC.GetTotalMemory(false));
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }

        public (long WorkingSet, long Managed) Stop()
        {
            Sample();
            timer.Dispose();
            return (Interlocked.Read(ref workingSet), Interlocked.Read(ref managed));
        }

        public void Dispose() => timer.Dispose();
    }
}

/// <summary>
/// Deterministic synthetic procurement data, inserted with prepared statements in one transaction. The mix is tuned so
/// every P-* indicator fires on a small share of tenders, roughly as in real registers.
/// </summary>
internal static class SyntheticData
{
    private static readonly string[] Methods = ["Open", "Selective", "Limited", "Direct"];

    public static async Task<long> GenerateAsync(string connectionString, int n, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000; PRAGMA temp_store = MEMORY;");
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        long rows = 0;

        var conglomerates = 10;
        var enterprises = Math.Max(20, n / 2000);
        var parties = Math.Max(200, n / 20);
        var captiveParties = enterprises; // party i (1-based, i <= enterprises) only ever deals with enterprise i
        var cpvGroups = Enumerable.Range(0, 200).Select(i => (3000 + i * 17).ToString("D4", CultureInfo.InvariantCulture)).ToArray();

        using (var org = Prepare(connection, tx, "INSERT INTO Organisations (Id, Kind, ParentId, Name, Edrpou) VALUES ($1, $2, $3, $4, $5)", 5))
        {
            for (var i = 1; i <= conglomerates; i++) rows += Run(org, i, "Conglomerate", null, $"Holding {i}", $"1{i:D7}");
            for (var i = 1; i <= enterprises; i++)
                rows += Run(org, conglomerates + i, "Enterprise", 1 + i % conglomerates, $"Enterprise {i}", $"2{i:D7}");
        }
        int EnterpriseId(int index) => conglomerates + index;

        using (var party = Prepare(connection, tx, "INSERT INTO Parties (Id, Name, IdentifierScheme, IdentifierId, ContactPhone, ContactEmail, StreetAddress, Locality) VALUES ($1, $2, 'UA-EDR', $3, $4, $5, $6, 'Kyiv')", 6))
        using (var owner = Prepare(connection, tx, "INSERT INTO BeneficialOwners (PartyId, FullName, TaxNumber) VALUES ($1, $2, $3)", 3))
        {
            for (var i = 1; i <= parties; i++)
            {
                // Every 100th party shares its phone with the next one; every 150th shares a beneficial owner.
                var phoneOwner = i % 100 == 1 ? i - 1 : i;
                rows += Run(party, i, $"Supplier {i} LLC", $"3{i:D7}", $"+38044{phoneOwner:D7}", $"office{i}@supplier.example", $"{i} Industrial St");
                if (i % 150 == 0 || i % 150 == 1)
                    rows += Run(owner, i, $"Owner {i / 150}", $"9{i / 150:D9}");
            }
        }

        using var tender = Prepare(connection, tx, "INSERT INTO Tenders (Id, EnterpriseId, Title, Method, Category, Status, EstimatedValueMinor, Currency, TenderPeriodStart, CreatedAt, CreatedBy, UpdatedAt, Version) VALUES ($1, $2, $3, $4, $5, 'Complete', $6, 'UAH', $7, $7, 'bench', $7, 0)", 7);
        using var item = Prepare(connection, tx, "INSERT INTO TenderItems (TenderId, Description, CpvCode) VALUES ($1, 'Item', $2)", 2);
        using var lot = Prepare(connection, tx, "INSERT INTO Lots (Id, TenderId, LotNumber, Title, ValueMinor) VALUES ($1, $2, $3, 'Lot', $4)", 4);
        using var bid = Prepare(connection, tx, "INSERT INTO Bids (Id, TenderId, LotId, TendererPartyId, AmountMinor, Currency, Status) VALUES ($1, $2, $3, $4, $5, 'UAH', 'Valid')", 5);
        using var award = Prepare(connection, tx, "INSERT INTO Awards (Id, TenderId, LotId, SupplierPartyId, BidId, ValueMinor, Currency, Status) VALUES ($1, $2, $3, $4, $5, $6, 'UAH', 'Active')", 6);
        using var contract = Prepare(connection, tx, "INSERT INTO Contracts (Id, TenderId, AwardId, ContractNumber, ValueMinor, Currency, SignedAt, Status) VALUES ($1, $2, $3, $4, $5, 'UAH', $6, 'Active')", 6);
        using var amendment = Prepare(connection, tx, "INSERT INTO ContractAmendments (ContractId, Date, Rationale, NewValueMinor) VALUES ($1, $2, 'Price change', $3)", 3);

        long bidId = 0, awardId = 0, contractId = 0, lotId = 0;
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var bidders = new List<int>(8);
        for (var t = 1; t <= n; t++)
        {
            ct.ThrowIfCancellationRequested();
            var e = 1 + random.Next(enterprises);
            var roll = random.NextDouble();
            var method = roll < 0.55 ? 0 : roll < 0.65 ? 1 : roll < 0.75 ? 2 : 3;
            var categoryRoll = random.NextDouble();
            var category = categoryRoll < 0.7 ? "Goods" : categoryRoll < 0.9 ? "Services" : "Works";
            var date = start.AddMinutes(random.Next(3 * 365 * 24 * 60));
            long estimate = method switch
            {
                3 => 5_000_00 + random.Next(45_000) * 100L,                               // direct: 5k..50k UAH
                2 => (category == "Works" ? 300_000_00 : 50_000_00) + random.Next(150_000) * 100L,
                _ => 100_000_00 + (long)(Math.Pow(random.NextDouble(), 3) * 5_000_000_00),
            };
            var nearThreshold = method >= 2 && random.NextDouble() < 0.01;
            if (nearThreshold) estimate = (category == "Works" ? 1_400_000_00 : 385_000_00) + random.Next(10_000) * 100L;
            rows += Run(tender, t, EnterpriseId(e), $"Synthetic tender {t}", Methods[method], category, estimate, Iso(date));
            var cpv = category == "Works" ? (4510 + random.Next(40)).ToString(CultureInfo.InvariantCulture) : cpvGroups[random.Next(cpvGroups.Length)];
            rows += Run(item, t, $"{cpv}0000-0");

            // Bidders: competitive tenders 1..5 (single bidder 8%), limited 1, direct none.
            bidders.Clear();
            var captive = random.NextDouble() < 0.005 || nearThreshold;
            if (method <= 1)
            {
                var r = random.NextDouble();
                var count = r < 0.08 ? 1 : r < 0.38 ? 2 : r < 0.73 ? 3 : r < 0.9 ? 4 : 5;
                if (random.NextDouble() < 0.003)
                {
                    // Two parties that share a phone (100k and 100k + 1) bid together.
                    var p = 1 + 100 * random.Next(captiveParties / 100 + 1, Math.Max(captiveParties / 100 + 2, parties / 100));
                    if (p <= parties) { bidders.Add(p - 1); bidders.Add(p); }
                }
                while (bidders.Count < count) { var p = RandomParty(); if (!bidders.Contains(p)) bidders.Add(p); }
            }
            else if (method == 2) bidders.Add(captive ? e : RandomParty());
            var supplier = bidders.Count > 0 ? bidders[0] : captive ? e : RandomParty();
            if (captive && bidders.Count > 0) bidders[0] = supplier = e;

            // Lots: 0.5% of open tenders have 5 or 6 lots; 40% of those go to one supplier.
            var lots = method == 0 && random.NextDouble() < 0.005 ? 5 + random.Next(2) : 0;
            var firstBid = bidId + 1;
            foreach (var p in bidders.Distinct())
                rows += Run(bid, ++bidId, t, null, p, estimate * (80 + random.Next(20)) / 100);

            var factor = random.NextDouble() < 0.03 ? 0.5 + random.NextDouble() * 0.25 : 0.75 + random.NextDouble() * 0.25;
            var value = method == 3 || nearThreshold ? estimate : (long)(estimate * factor);
            if (lots > 0)
            {
                var sweep = random.NextDouble() < 0.4;
                for (var l = 1; l <= lots; l++)
                {
                    rows += Run(lot, ++lotId, t, l.ToString(CultureInfo.InvariantCulture), value / lots);
                    var winner = sweep || bidders.Count < 2 ? supplier : bidders[l % bidders.Count];
                    rows += Run(award, ++awardId, t, lotId, winner, null, value / lots);
                }
                continue;
            }
            if (method <= 1 && bidders.Count == 0) continue;
            rows += Run(award, ++awardId, t, null, supplier, bidders.Count > 0 ? firstBid : null, value);
            rows += Run(contract, ++contractId, t, awardId, $"C-{t}", value, Iso(date.AddDays(30)));
            if (random.NextDouble() < 0.05)
            {
                var increase = random.NextDouble() < 0.2 ? 1.12 + random.NextDouble() * 0.3 : 1 + random.NextDouble() * 0.09;
                rows += Run(amendment, contractId, Iso(date.AddDays(90)), (long)(value * increase));
            }
        }
        await tx.CommitAsync(ct);
        // Fold the write-ahead log into the file: readers of a large WAL pay for it on every page.
        await Exec(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        return rows;

        int RandomParty() => captiveParties + 1 + random.Next(parties - captiveParties);
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++) command.Parameters.Add(new SqliteParameter("$" + i, null));
        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }
}
