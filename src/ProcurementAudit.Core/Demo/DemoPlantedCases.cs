using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Demo;

/// <summary>
/// One case the demo dataset plants on purpose. <see cref="Fires"/> is true for a planted case (the indicator must
/// flag it at the default thresholds of DOMAIN.md) and false for its clean twin (a look-alike the indicator must not flag).
/// <see cref="Reference"/> is the procedure's natural key: a tender's <c>Ocid</c>, an auction as
/// "<c>DA-007/2</c>" (asset inventory number / attempt number) or a competition number "<c>DC-03</c>".
/// <see cref="SubjectKey"/> names the party or enterprise a group-level flag is about, as <c>UA-EDR-&lt;code&gt;</c>.
/// </summary>
public sealed record PlantedCase(string Code, ProcedureKind Kind, string Reference, bool Fires, string Note, string? SubjectKey = null);

/// <summary>
/// The machine-readable catalogue of planted red-flag cases in the demo dataset, so that tests of an indicator can
/// assert "the planted case is found and the clean twin is not". A planted case may raise other flags too
/// (e.g. the relisted attempts of the L-CASCADE chain start below 1% of the appraised value); a clean twin is only
/// guaranteed clean for its own code.
/// </summary>
public static class DemoPlantedCases
{
    public const string OcidPrefix = "ocds-demo-t";

    public static string TenderOcid(int number) => $"{OcidPrefix}{number:D4}";

    public static string AssetInventory(int number) => $"DA-{number:D3}";

    public static string AuctionReference(int asset, int attempt) => $"{AssetInventory(asset)}/{attempt}";

    public static string CompetitionReference(int number) => $"DC-{number:D2}";

    /// <summary>How the inventory number appears in an asset's description.</summary>
    public static string AssetMarker(string inventory) => $"(інв. № {inventory})";

    /// <summary>How the competition number appears in a competition's post.</summary>
    public static string CompetitionMarker(string reference) => $"(конкурс № {reference})";

    // Tender numbers reserved for planted cases; background tenders take the free numbers in between.
    internal static class T
    {
        public const int R003 = 23, R003Clean = 148;
        public const int R018 = 31, R018Clean = 157;
        public const int R024 = 42, R024Clean = 163;
        public const int R058 = 54, R058Clean = 171;
        public const int R028 = 66, R028Clean = 182;
        public const int R030 = 78, R030Clean = 194;
        public const int R035 = 89, R035Clean = 205;
        public const int R036 = 97, R036Clean = 216;
        public static readonly int[] Split = [224, 229, 233, 238, 241, 246];
        public static readonly int[] SplitClean = [251, 255, 259];
        public static readonly int[] NearThreshold = [112, 118, 124];
        public const int NearThresholdClean = 262;
        public const int Overestimate = 131, OverestimateClean = 266;
        public const int SharedContact = 137, SharedContactClean = 271;
        public static readonly int[] Captive = [141, 152, 168, 187, 199];
        public static readonly int[] CaptiveClean = [211, 236, 277];
        public const int Sweep = 144, SweepClean = 281;
        public const int AmendInflate = 176, AmendInflateClean = 286;
        public const int LowCompetition = 191, LowCompetitionClean = 292;

        public static IEnumerable<int> All()
        {
            int[] singles =
            [
                R003, R003Clean, R018, R018Clean, R024, R024Clean, R058, R058Clean, R028, R028Clean, R030, R030Clean,
                R035, R035Clean, R036, R036Clean, NearThresholdClean, Overestimate, OverestimateClean, SharedContact,
                SharedContactClean, Sweep, SweepClean, AmendInflate, AmendInflateClean, LowCompetition, LowCompetitionClean,
            ];
            return singles.Concat(Split).Concat(SplitClean).Concat(NearThreshold).Concat(Captive).Concat(CaptiveClean);
        }
    }

    // Asset inventory numbers (DA-nnn) of the planted lease auctions.
    internal static class A
    {
        public const int Single = 4, SingleClean = 11;
        public const int NoUplift = 6, NoUpliftClean = 13;
        public const int LowStart = 8, LowStartClean = 15;
        public const int Cascade = 9, CascadeAttempts = 3, CascadeClean = 17;
        public const int Default = 12, DefaultClean = 19;
        public static readonly int[] Concentration = [20, 21, 22];
        public const int ConcentrationClean = 25;
        public const int Insider = 23, InsiderClean = 24;
    }

    // Competition numbers (DC-nn) of the planted director competitions.
    internal static class C
    {
        public const int Clean = 1, ShortWindow = 2, FewApplicants = 3, SingleFinalist = 4, CriteriaChanged = 5, Coi = 6,
            Outlier = 7, Identical = 8, NotTop = 9, NotTopWithReason = 10, IgnoredObjection = 11, Stalled = 12,
            EarlyDismissal = 13, InProgress = 14;
    }

    /// <summary>EDRPOU codes of parties and enterprises that group-level cases are about; fixed so the catalogue is static.</summary>
    internal static class Keys
    {
        public const string LowCompetitionEnterprise = "14360570";
        public const string LowCompetitionCleanEnterprise = "14307529";
        public const string SplitBuyer = "14311436";
        public const string ConcentrationEnterprise = "14309729";
        public const string ConcentrationCleanEnterprise = "14312884";
        public const string CaptiveSupplier = "41720034";
        public const string CaptiveCleanSupplier = "42015387";
        public const string NearThresholdSupplier = "43518260";
        public const string ConcentrationOwnerTaxNumber = "3012409876";
    }

    private static string Edr(string code) => $"UA-EDR-{code}";

    public static IReadOnlyList<PlantedCase> All { get; } = Build();

    public static IEnumerable<PlantedCase> Planted => All.Where(c => c.Fires);

    public static IEnumerable<PlantedCase> CleanTwins => All.Where(c => !c.Fires);

    public static IEnumerable<PlantedCase> For(string code) => All.Where(c => c.Code == code);

    private static List<PlantedCase> Build()
    {
        var list = new List<PlantedCase>();
        void Tender(string code, int planted, int clean, string note, string cleanNote)
        {
            list.Add(new(code, ProcedureKind.Tender, TenderOcid(planted), true, note));
            list.Add(new(code, ProcedureKind.Tender, TenderOcid(clean), false, cleanNote));
        }

        Tender("R003", T.R003, T.R003Clean, "open tender with a 6-day submission period", "open tender with a 16-day submission period");
        Tender("R018", T.R018, T.R018Clean, "open tender with exactly one bid", "open tender with three bids");
        Tender("R024", T.R024, T.R024Clean, "second-lowest valid bid 0.2% above the winning bid", "second-lowest valid bid 7% above the winning bid");
        Tender("R058", T.R058, T.R058Clean, "second-lowest valid bid 31% above the winning bid", "second-lowest valid bid 6% above the winning bid");
        Tender("R028", T.R028, T.R028Clean, "two different tenderers bid the identical amount", "all bid amounts differ");
        Tender("R030", T.R030, T.R030Clean, "the winning valid bid is dated after the tender period end", "every bid is dated inside the tender period");
        Tender("R035", T.R035, T.R035Clean, "every bid except the winner's (three) disqualified", "one of four bids disqualified, three valid");
        Tender("R036", T.R036, T.R036Clean, "the lowest bid is disqualified and a higher valid bid won", "the disqualified bid is the highest");

        foreach (var n in T.Split)
            list.Add(new("P-SPLIT", ProcedureKind.Tender, TenderOcid(n), true,
                "one of six direct purchases of printing paper (CPV 30197630-1) by one buyer in 2025, together over 400 000 UAH",
                Edr(Keys.SplitBuyer)));
        foreach (var n in T.SplitClean)
            list.Add(new("P-SPLIT", ProcedureKind.Tender, TenderOcid(n), false,
                "one of three direct purchases of printing paper by another buyer in 2025, together under 400 000 UAH"));

        foreach (var n in T.NearThreshold)
            list.Add(new("P-NEARTHRESH", ProcedureKind.Tender, TenderOcid(n), true,
                "one of three direct purchases from one supplier by one buyer, each within 5% under 400 000 UAH",
                Edr(Keys.NearThresholdSupplier)));
        list.Add(new("P-NEARTHRESH", ProcedureKind.Tender, TenderOcid(T.NearThresholdClean), false,
            "a single purchase just under 400 000 UAH from a supplier with no other such purchase"));

        Tender("P-OVERESTIMATE", T.Overestimate, T.OverestimateClean, "award 38% below the estimated value", "award 12% below the estimated value");
        Tender("P-SHAREDCONTACT", T.SharedContact, T.SharedContactClean,
            "two bidders share a phone number and a beneficial owner", "three bidders with nothing in common");

        foreach (var n in T.Captive)
            list.Add(new("P-CAPTIVE", ProcedureKind.Tender, TenderOcid(n), true,
                "won by a supplier that bids only with this buyer and holds five of its contracts", Edr(Keys.CaptiveSupplier)));
        foreach (var n in T.CaptiveClean)
            list.Add(new("P-CAPTIVE", ProcedureKind.Tender, TenderOcid(n), false,
                "won by a supplier that bids only with this buyer but holds exactly three of its contracts (not more than 3)",
                Edr(Keys.CaptiveCleanSupplier)));

        Tender("P-SWEEP", T.Sweep, T.SweepClean, "one supplier wins all six lots", "six lots won by four different suppliers");
        Tender("P-AMENDINFLATE", T.AmendInflate, T.AmendInflateClean,
            "two amendments raise the contract value by 19% over the signed value", "one amendment raises the contract value by 6%");
        list.Add(new("P-LOWCOMPETITION", ProcedureKind.Tender, TenderOcid(T.LowCompetition), true,
            "a tender of the enterprise whose competitive tenders average fewer than 2 bidders", Edr(Keys.LowCompetitionEnterprise)));
        list.Add(new("P-LOWCOMPETITION", ProcedureKind.Tender, TenderOcid(T.LowCompetitionClean), false,
            "a tender of an enterprise whose competitive tenders average at least 2.5 bidders", Edr(Keys.LowCompetitionCleanEnterprise)));

        void Auction(string code, int asset, int attempt, bool fires, string note, string? subject = null) =>
            list.Add(new(code, ProcedureKind.Auction, AuctionReference(asset, attempt), fires, note, subject));

        Auction("L-SINGLE", A.Single, 1, true, "concluded with one qualified bidder (the other did not pay the deposit)");
        Auction("L-SINGLE", A.SingleClean, 1, false, "concluded with three qualified bidders");
        Auction("L-NOUPLIFT", A.NoUplift, 1, true, "two qualified bidders, final rent equals the starting rent");
        Auction("L-NOUPLIFT", A.NoUpliftClean, 1, false, "two or more qualified bidders, final rent several steps over the start");
        Auction("L-LOWSTART", A.LowStart, 1, true, "first attempt with a starting rent of 0.4% of the appraised value");
        Auction("L-LOWSTART", A.LowStartClean, 1, false, "first attempt with a starting rent of exactly 1% of the appraised value");
        Auction("L-CASCADE", A.Cascade, A.CascadeAttempts, true,
            "third attempt after two failed ones with 50% price cuts, won by the sitting tenant who was the sole bidder before");
        Auction("L-CASCADE", A.CascadeClean, 2, false, "second attempt after a failed one, won by a newcomer unrelated to the asset");
        Auction("L-DEFAULT", A.Default, 1, true, "winner refused to sign; the lease went to the next bidder, who shares an owner and phone with the winner");
        Auction("L-DEFAULT", A.DefaultClean, 1, false, "winner refused to sign; the lease went to an unrelated next bidder");
        foreach (var asset in A.Concentration)
            Auction("L-CONCENTRATION", asset, 1, true, "one of three leases of the enterprise held by companies of one beneficial owner",
                $"UA-RNOKPP-{Keys.ConcentrationOwnerTaxNumber}");
        Auction("L-CONCENTRATION", A.ConcentrationClean, 1, false,
            "a lease of an enterprise with seven lessees of distinct owners, none over 25% of the leased area",
            Edr(Keys.ConcentrationCleanEnterprise));
        Auction("L-INSIDER", A.Insider, 1, true, "lessee's beneficial owner is the declared son of the enterprise's director");
        Auction("L-INSIDER", A.InsiderClean, 1, false, "lessee of the same enterprise with no link to its officials");

        void Competition(string code, int number, bool fires, string note) =>
            list.Add(new(code, ProcedureKind.Competition, CompetitionReference(number), fires, note));

        Competition("C-SHORTWINDOW", C.ShortWindow, true, "application window of 18 days");
        Competition("C-SHORTWINDOW", C.Clean, false, "application window of 45 days");
        Competition("C-FEWAPPLICANTS", C.FewApplicants, true, "two eligible applicants");
        Competition("C-FEWAPPLICANTS", C.Clean, false, "four eligible applicants");
        Competition("C-SINGLEFINALIST", C.SingleFinalist, true, "one shortlisted candidate out of four eligible");
        Competition("C-SINGLEFINALIST", C.Clean, false, "three shortlisted candidates");
        Competition("C-CRITERIACHANGED", C.CriteriaChanged, true, "criteria weights changed (version 2) after the announcement");
        Competition("C-CRITERIACHANGED", C.Clean, false, "criteria version 1 in force from announcement to decision");
        Competition("C-COI", C.Coi, true, "a voting member declared a link to a candidate, was not recused and scored");
        Competition("C-COI", C.Clean, false, "the member who declared a link to a candidate was recused and did not score");
        Competition("C-OUTLIER", C.Outlier, true, "one member scores a candidate 2/10 on every criterion against a panel median of 8");
        Competition("C-OUTLIER", C.Clean, false, "every score within 1 point of the panel median");
        Competition("C-IDENTICAL", C.Identical, true, "two members submit identical score vectors across all candidates and criteria");
        Competition("C-IDENTICAL", C.Clean, false, "no two members share a score vector");
        Competition("C-NOTTOP", C.NotTop, true, "the second-ranked candidate appointed with no written reason");
        Competition("C-NOTTOP", C.Clean, false, "the top-ranked candidate appointed");
        Competition("C-NOTTOP", C.NotTopWithReason, false, "the second-ranked candidate appointed with a written reason");
        Competition("C-IGNOREDOBJECTION", C.IgnoredObjection, true, "an embassy objection left unanswered past its 10-working-day deadline, appointment made anyway");
        Competition("C-IGNOREDOBJECTION", C.Clean, false, "observer opinions answered within 10 working days");
        Competition("C-STALLED", C.Stalled, true, "no decision or publication months after the planned decision date");
        Competition("C-STALLED", C.Clean, false, "results published 6 days after the planned decision date");
        Competition("C-EARLYDISMISSAL", C.EarlyDismissal, true, "appointee dismissed 95 days after appointment");
        Competition("C-EARLYDISMISSAL", C.Clean, false, "appointee still in post");
        return list;
    }

    /// <summary>The ids of the procedures a planted case's reference matches (exactly one when the demo data is intact).</summary>
    public static async Task<IReadOnlyList<int>> ResolveAsync(AuditDbContext db, PlantedCase plantedCase, CancellationToken cancellationToken)
    {
        switch (plantedCase.Kind)
        {
            case ProcedureKind.Tender:
                return await db.Tenders.Where(t => t.Ocid == plantedCase.Reference).Select(t => t.Id).ToListAsync(cancellationToken);
            case ProcedureKind.Auction:
                var parts = plantedCase.Reference.Split('/');
                var marker = AssetMarker(parts[0]);
                var attempt = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                return await db.LeaseAuctions
                    .Where(a => a.AttemptNumber == attempt && a.Asset!.Description.Contains(marker))
                    .Select(a => a.Id).ToListAsync(cancellationToken);
            default:
                var post = CompetitionMarker(plantedCase.Reference);
                return await db.Competitions.Where(c => c.Post.Contains(post)).Select(c => c.Id).ToListAsync(cancellationToken);
        }
    }
}
