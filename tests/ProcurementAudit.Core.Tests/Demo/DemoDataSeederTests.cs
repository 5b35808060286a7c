using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Demo;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests.Demo;

public sealed class DemoDataSeederTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static readonly DateTime Now = DemoDatabase.DefaultClock.UtcDateTime;

    [Fact]
    public async Task Seeds_the_minimum_dataset_of_the_issue()
    {
        await using var db = demo.NewContext();
        var conglomerate = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.Conglomerate);
        var enterprises = await db.Organisations.Where(o => o.Kind == OrganisationKind.Enterprise).Include(o => o.Officials).ToListAsync();
        Assert.True(enterprises.Count >= 10);
        Assert.All(enterprises, e =>
        {
            Assert.Equal(conglomerate.Id, e.ParentId);
            Assert.Matches("^[0-9]{8}$", e.Edrpou);
            Assert.Equal(e.Edrpou[7] - '0', DemoNames.EdrpouControlDigit(e.Edrpou[..7]));
            Assert.Contains(e.Officials, o => o.Role == OfficialRole.Director);
            Assert.Contains(e.Officials, o => o.Role == OfficialRole.Manager);
            Assert.Contains(e.Officials, o => o.Role == OfficialRole.BoardMember);
        });
        Assert.True(await db.Relatives.CountAsync() >= 20);

        Assert.True(await db.Tenders.CountAsync() >= 300);
        Assert.True(await db.Bids.CountAsync() >= 500);
        Assert.True(await db.Awards.CountAsync() >= 250);
        Assert.True(await db.Contracts.CountAsync() >= 250);
        Assert.True(await db.ContractAmendments.CountAsync() >= 10);
        Assert.True(await db.Bids.CountAsync(b => b.Status == BidStatus.Disqualified && b.StatusReason != null) >= 10);
        Assert.Equal(0, await db.Bids.CountAsync(b => b.Status == BidStatus.Disqualified && b.StatusReason == null));
        var cpv = await db.TenderItems.Select(i => i.CpvCode).ToListAsync();
        Assert.All(cpv, c => Assert.Matches("^[0-9]{8}-[0-9]$", c!));

        Assert.True(await db.LeaseAuctions.CountAsync() >= 30);
        Assert.True(await db.LeaseAuctions.CountAsync(a => a.Status == AuctionStatus.Failed) >= 3);
        Assert.True(await db.LeaseAuctions.CountAsync(a => a.PreviousAttemptId != null) >= 3);
        Assert.True(await db.LeaseContracts.CountAsync() >= 20);
        Assert.True(await db.AuctionParticipants.CountAsync(p => p.DepositPaid) >= 50);
        Assert.All(await db.Assets.ToListAsync(), a => Assert.True(a.AreaSquareMetres > 0 && a.AppraisedValueMinor > 0 && a.Address.Length > 0));

        var competitions = await db.Competitions
            .Include(c => c.Criteria).Include(c => c.Candidates).Include(c => c.Commission).Include(c => c.Observers)
            .Include(c => c.Opinions).Include(c => c.Scores).Include(c => c.Decision).ToListAsync();
        Assert.True(competitions.Count >= 6);
        Assert.All(competitions, c =>
        {
            Assert.Equal(100m, c.Criteria.Where(x => x.CriteriaVersion == c.CriteriaVersion).Sum(x => x.Weight));
            Assert.Contains(c.Observers, o => o.Kind == ObserverKind.Ngo);
            Assert.Contains(c.Observers, o => o.Kind == ObserverKind.Embassy);
            Assert.All(c.Candidates, x => Assert.True(x.ConsentToProcessing));
        });
        Assert.Contains(competitions, c => c.Commission.Any(m => m.RecusedAt != null && m.DeclaredConflictCandidateId != null));
        Assert.Contains(competitions, c => c.Opinions.Any(o => o.Answer != null));
        Assert.True(competitions.Count(c => c.Decision != null) >= 6);
        Assert.Contains(competitions, c => c.Candidates.Any(x => x.Eligibility == EligibilityDecision.Ineligible && x.EligibilityReason != null));
        Assert.StartsWith("1 conglomerate", demo.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_Ukrainian_and_amounts_are_in_hryvnias()
    {
        await using var db = demo.NewContext();
        var parties = await db.Parties.Include(p => p.BeneficialOwners).ToListAsync();
        var cyrillic = new Regex("\\p{IsCyrillic}");
        Assert.All(parties, p =>
        {
            Assert.Matches(cyrillic, p.Name);
            Assert.Equal("UA-EDR", p.IdentifierScheme);
            Assert.Matches("^([0-9]{8}|[0-9]{10})$", p.IdentifierId);
            Assert.False(string.IsNullOrEmpty(p.StreetAddress));
            Assert.False(string.IsNullOrEmpty(p.ContactPhone));
            Assert.False(string.IsNullOrEmpty(p.ContactEmail));
        });
        Assert.Contains(parties, p => p.Name.StartsWith("ТОВ «", StringComparison.Ordinal));
        Assert.Contains(parties, p => p.Name.StartsWith("ПП «", StringComparison.Ordinal));
        Assert.Contains(parties, p => p.Name.StartsWith("ФОП ", StringComparison.Ordinal));
        Assert.True(parties.Count(p => p.BeneficialOwners.Count > 0) >= 50);
        Assert.All(await db.Tenders.Select(t => t.Title).ToListAsync(), t => Assert.Matches(cyrillic, t));
        Assert.Contains("Оборонні системи України", (await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.Conglomerate)).Name, StringComparison.Ordinal);
        Assert.Equal(0, await db.Tenders.CountAsync(t => t.Currency != "UAH"));
        Assert.Equal(0, await db.Bids.CountAsync(t => t.Currency != "UAH"));
        Assert.Equal(0, await db.LeaseAuctions.CountAsync(t => t.Currency != "UAH"));
    }

    [Fact]
    public async Task Seeding_is_deterministic_and_independent_of_the_clock_except_for_open_procedures()
    {
        var other = new DemoDatabase { Clock = DemoDatabase.DefaultClock.AddDays(400) };
        await other.InitializeAsync();
        try
        {
            await using var a = demo.NewContext();
            await using var b = other.NewContext();
            Assert.Equal(await TenderRows(a), await TenderRows(b));
            Assert.Equal(await a.Bids.OrderBy(x => x.Id).Select(x => new { x.TenderId, x.TendererPartyId, x.AmountMinor, x.Status }).ToListAsync(),
                await b.Bids.OrderBy(x => x.Id).Select(x => new { x.TenderId, x.TendererPartyId, x.AmountMinor, x.Status }).ToListAsync());
            Assert.Equal(await a.LeaseAuctions.OrderBy(x => x.Id).Select(x => new { x.AssetId, x.StartingRentMinor, x.FinalRentMinor, x.Status }).ToListAsync(),
                await b.LeaseAuctions.OrderBy(x => x.Id).Select(x => new { x.AssetId, x.StartingRentMinor, x.FinalRentMinor, x.Status }).ToListAsync());
            Assert.Equal(await a.Parties.OrderBy(x => x.Id).Select(x => x.Name + x.IdentifierId + x.ContactPhone).ToListAsync(),
                await b.Parties.OrderBy(x => x.Id).Select(x => x.Name + x.IdentifierId + x.ContactPhone).ToListAsync());
            Assert.Equal(await a.CandidateScores.OrderBy(x => x.Id).Select(x => x.Value).ToListAsync(),
                await b.CandidateScores.OrderBy(x => x.Id).Select(x => x.Value).ToListAsync());
            // Dates of closed procedures hang off the fixed anchor; only the open ones move with the clock.
            Assert.Equal(await ClosedTenderDates(a), await ClosedTenderDates(b));
            Assert.NotEqual(await OpenTenderDeadlines(a), await OpenTenderDeadlines(b));
        }
        finally
        {
            await other.DisposeAsync();
        }

        static Task<List<string>> TenderRows(AuditDbContext db) =>
            db.Tenders.OrderBy(t => t.Id).Select(t => t.Ocid + "|" + t.Title + "|" + t.EstimatedValueMinor + "|" + t.Method).ToListAsync();
        static Task<List<DateTime?>> ClosedTenderDates(AuditDbContext db) =>
            db.Tenders.Where(t => t.Status != TenderStatus.Active).OrderBy(t => t.Id).Select(t => t.TenderPeriodEnd).ToListAsync();
        static Task<List<DateTime?>> OpenTenderDeadlines(AuditDbContext db) =>
            db.Tenders.Where(t => t.Status == TenderStatus.Active).OrderBy(t => t.Id).Select(t => t.TenderPeriodEnd).ToListAsync();
    }

    [Fact]
    public async Task Some_tenders_and_auctions_are_still_open_with_sealed_bids()
    {
        await using var db = demo.NewContext();
        var open = await db.Tenders.Include(t => t.Bids).Where(t => t.Status == TenderStatus.Active).ToListAsync();
        Assert.True(open.Count >= 3);
        Assert.All(open, t => Assert.True(t.TenderPeriodEnd > Now && t.TenderPeriodStart < Now));
        Assert.Contains(open, t => t.Bids.Count > 0);
        Assert.All(open.SelectMany(t => t.Bids), b => Assert.Equal(BidStatus.Pending, b.Status));
        Assert.All(open.SelectMany(t => t.Bids), b => Assert.True(b.SubmittedAt <= Now));
        Assert.True(await db.LeaseAuctions.CountAsync(a => a.Status == AuctionStatus.Announced && a.BidDeadline > Now) >= 1);
        // Everything else is over by the anchor date.
        Assert.Equal(0, await db.Tenders.CountAsync(t => t.Status != TenderStatus.Active && t.TenderPeriodEnd > DemoWorld.Anchor));
    }

    public static readonly string[] CatalogueCodes =
    [
        "R003", "R018", "R024", "R058", "R028", "R030", "R035", "R036",
        "P-SPLIT", "P-NEARTHRESH", "P-OVERESTIMATE", "P-SHAREDCONTACT", "P-CAPTIVE", "P-SWEEP", "P-AMENDINFLATE", "P-LOWCOMPETITION",
        "L-SINGLE", "L-NOUPLIFT", "L-LOWSTART", "L-CASCADE", "L-DEFAULT", "L-CONCENTRATION", "L-INSIDER",
        "C-SHORTWINDOW", "C-FEWAPPLICANTS", "C-SINGLEFINALIST", "C-CRITERIACHANGED", "C-COI", "C-OUTLIER", "C-IDENTICAL",
        "C-NOTTOP", "C-IGNOREDOBJECTION", "C-STALLED", "C-EARLYDISMISSAL",
    ];

    [Fact]
    public async Task Every_flag_has_a_planted_case_and_a_clean_twin_and_every_reference_resolves_to_one_procedure()
    {
        foreach (var code in CatalogueCodes)
        {
            Assert.Contains(DemoPlantedCases.For(code), c => c.Fires);
            Assert.Contains(DemoPlantedCases.For(code), c => !c.Fires);
        }
        Assert.Empty(DemoPlantedCases.All.Select(c => c.Code).Except(CatalogueCodes));
        Assert.Equal(DemoPlantedCases.All.Count, DemoPlantedCases.All.Select(c => (c.Code, c.Reference)).Distinct().Count());

        await using var db = demo.NewContext();
        foreach (var planted in DemoPlantedCases.All)
        {
            var ids = await DemoPlantedCases.ResolveAsync(db, planted, CancellationToken.None);
            Assert.True(ids.Count == 1, $"{planted.Code} {planted.Reference} resolves to {ids.Count} procedures");
        }
    }

    private static async Task<Tender> Tender(AuditDbContext db, string code, bool fires, int index = 0)
    {
        var reference = DemoPlantedCases.For(code).Where(c => c.Fires == fires).ElementAt(index).Reference;
        return await db.Tenders.AsSplitQuery().Include(t => t.Bids).Include(t => t.Awards).Include(t => t.Lots).Include(t => t.Items)
            .Include(t => t.Contracts).ThenInclude(c => c.Amendments).SingleAsync(t => t.Ocid == reference);
    }

    private static async Task<LeaseAuction> Auction(AuditDbContext db, string code, bool fires)
    {
        var id = (await DemoPlantedCases.ResolveAsync(db, DemoPlantedCases.For(code).First(c => c.Fires == fires), CancellationToken.None)).Single();
        return await db.LeaseAuctions.AsSplitQuery().Include(a => a.Asset).Include(a => a.Participants).ThenInclude(p => p.Party).ThenInclude(p => p!.BeneficialOwners)
            .Include(a => a.Bids).Include(a => a.LeaseContract).SingleAsync(a => a.Id == id);
    }

    private static async Task<Competition> Competition(AuditDbContext db, string code, bool fires, int index = 0)
    {
        var id = (await DemoPlantedCases.ResolveAsync(db, DemoPlantedCases.For(code).Where(c => c.Fires == fires).ElementAt(index), CancellationToken.None)).Single();
        return await db.Competitions.AsSplitQuery().Include(c => c.Criteria).Include(c => c.Candidates).Include(c => c.Commission).Include(c => c.Scores)
            .Include(c => c.Opinions).Include(c => c.Decision).SingleAsync(c => c.Id == id);
    }

    private static int Bidders(Tender t) => t.Bids.Where(b => b.Status != BidStatus.Withdrawn).Select(b => b.TendererPartyId).Distinct().Count();

    [Fact]
    public async Task Planted_tender_cases_have_their_property_and_twins_do_not()
    {
        await using var db = demo.NewContext();

        Assert.Equal(1, Bidders(await Tender(db, "R018", true)));
        Assert.True(Bidders(await Tender(db, "R018", false)) > 1);

        static double Days(Tender t) => (t.TenderPeriodEnd!.Value - t.TenderPeriodStart!.Value).TotalDays;
        Assert.True(Days(await Tender(db, "R003", true)) < 15);
        Assert.True(Days(await Tender(db, "R003", false)) >= 15);

        static decimal SecondRatio(Tender t)
        {
            var valid = t.Bids.Where(b => b.Status == BidStatus.Valid).Select(b => b.AmountMinor!.Value).Order().ToList();
            return (decimal)(valid[1] - valid[0]) / valid[0];
        }
        Assert.True(SecondRatio(await Tender(db, "R024", true)) < 0.01m);
        Assert.InRange(SecondRatio(await Tender(db, "R024", false)), 0.04m, 0.10m);
        Assert.True(SecondRatio(await Tender(db, "R058", true)) > 0.2m);
        Assert.InRange(SecondRatio(await Tender(db, "R058", false)), 0.04m, 0.10m);

        static bool SameAmount(Tender t) => t.Bids.Where(b => b.Status != BidStatus.Withdrawn)
            .GroupBy(b => b.AmountMinor).Any(g => g.Select(b => b.TendererPartyId).Distinct().Count() > 1);
        Assert.True(SameAmount(await Tender(db, "R028", true)));
        Assert.False(SameAmount(await Tender(db, "R028", false)));

        static bool LateWinner(Tender t) => t.Bids.Any(b => b.Status == BidStatus.Valid && b.SubmittedAt > t.TenderPeriodEnd
            && t.Awards.Any(a => a.Status == AwardStatus.Active && a.SupplierPartyId == b.TendererPartyId));
        Assert.True(LateWinner(await Tender(db, "R030", true)));
        Assert.False(LateWinner(await Tender(db, "R030", false)));

        var r035 = await Tender(db, "R035", true);
        var winner = r035.Awards.Single(a => a.Status == AwardStatus.Active).SupplierPartyId;
        Assert.All(r035.Bids.Where(b => b.TendererPartyId != winner), b => Assert.Equal(BidStatus.Disqualified, b.Status));
        Assert.True(r035.Bids.Count(b => b.Status == BidStatus.Disqualified) >= 3);
        Assert.True((await Tender(db, "R035", false)).Bids.Count(b => b.Status == BidStatus.Valid) >= 2);

        static BidStatus LowestStatus(Tender t) => t.Bids.Where(b => b.Status != BidStatus.Withdrawn).MinBy(b => b.AmountMinor)!.Status;
        Assert.Equal(BidStatus.Disqualified, LowestStatus(await Tender(db, "R036", true)));
        Assert.Equal(BidStatus.Valid, LowestStatus(await Tender(db, "R036", false)));

        static decimal AwardShare(Tender t) => (decimal)t.Awards.Single().ValueMinor!.Value / t.EstimatedValueMinor!.Value;
        Assert.True(AwardShare(await Tender(db, "P-OVERESTIMATE", true)) <= 0.70m);
        Assert.True(AwardShare(await Tender(db, "P-OVERESTIMATE", false)) > 0.70m);

        var sweep = await Tender(db, "P-SWEEP", true);
        Assert.True(sweep.Lots.Count >= 5);
        Assert.Single(sweep.Awards.Select(a => a.SupplierPartyId).Distinct());
        var sweepClean = await Tender(db, "P-SWEEP", false);
        Assert.True(sweepClean.Lots.Count >= 5);
        Assert.True(sweepClean.Awards.Select(a => a.SupplierPartyId).Distinct().Count() > 1);

        static decimal Inflation(Tender t)
        {
            var contract = t.Contracts.Single();
            return (decimal)contract.Amendments.OrderBy(a => a.Date).Last(a => a.NewValueMinor != null).NewValueMinor!.Value / contract.ValueMinor!.Value;
        }
        Assert.True(Inflation(await Tender(db, "P-AMENDINFLATE", true)) > 1.10m);
        Assert.True(Inflation(await Tender(db, "P-AMENDINFLATE", false)) <= 1.10m);

        var shared = await Tender(db, "P-SHAREDCONTACT", true);
        var bidderIds = shared.Bids.Select(b => b.TendererPartyId).ToList();
        var bidders = await db.Parties.Include(p => p.BeneficialOwners).Where(p => bidderIds.Contains(p.Id)).ToListAsync();
        Assert.Contains(bidders.GroupBy(p => p.ContactPhone), g => g.Count() > 1);
        Assert.Contains(bidders.SelectMany(p => p.BeneficialOwners.Select(o => (o.TaxNumber, p.Id))).GroupBy(x => x.TaxNumber), g => g.Count() > 1);
    }

    [Fact]
    public async Task Group_level_tender_cases_hold_over_the_whole_dataset()
    {
        await using var db = demo.NewContext();
        var tenders = await db.Tenders.AsSplitQuery().Include(t => t.Bids).Include(t => t.Awards).Include(t => t.Items).Include(t => t.Enterprise).ToListAsync();

        // P-SPLIT: yearly non-open sums per buyer and CPV group (four digits) reach 400 000 UAH only for the planted group.
        var sums = tenders.Where(t => t.Method is ProcurementMethod.Direct or ProcurementMethod.Limited)
            .GroupBy(t => (t.EnterpriseId, Year: t.Awards.Single().Date!.Value.Year, Group: t.Items[0].CpvCode![..4], t.Category))
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(t => t.Awards.Single().ValueMinor!.Value), Ocids: g.Select(t => t.Ocid!).ToList()));
        var over = sums.Where(s => s.Value.Sum >= (s.Key.Category == ProcurementCategory.Works ? 1_500_000_00 : 400_000_00)).ToList();
        var plantedSplit = DemoPlantedCases.For("P-SPLIT").Where(c => c.Fires).Select(c => c.Reference).Order().ToList();
        Assert.Equal(plantedSplit, Assert.Single(over).Value.Ocids.Order().ToList());
        Assert.Contains(sums.Values, s => s.Ocids.Order().SequenceEqual(DemoPlantedCases.For("P-SPLIT").Where(c => !c.Fires).Select(c => c.Reference).Order()));

        // P-NEARTHRESH: purchases within 5% under 400 000 (goods and services) or 10% under 1 500 000 (works).
        var near = tenders.SelectMany(t => t.Awards.Select(a => (t, a)))
            .Where(x => x.t.Category == ProcurementCategory.Works
                ? x.a.ValueMinor is >= 1_350_000_00 and < 1_500_000_00
                : x.a.ValueMinor is >= 380_000_00 and < 400_000_00)
            .ToList();
        var repeated = near.GroupBy(x => (x.t.EnterpriseId, x.a.SupplierPartyId)).Where(g => g.Count() > 1).ToList();
        Assert.Equal(DemoPlantedCases.For("P-NEARTHRESH").Where(c => c.Fires).Select(c => c.Reference).Order(),
            Assert.Single(repeated).Select(x => x.t.Ocid!).Order());

        // P-CAPTIVE: only the planted supplier bids with a single buyer and holds more than three of its contracts.
        var captive = tenders.SelectMany(t => t.Bids.Select(b => (t.EnterpriseId, b.TendererPartyId)))
            .Concat(tenders.SelectMany(t => t.Awards.Select(a => (t.EnterpriseId, TendererPartyId: a.SupplierPartyId))))
            .GroupBy(x => x.TendererPartyId)
            .Where(g => g.Select(x => x.EnterpriseId).Distinct().Count() == 1)
            .Select(g => (Party: g.Key, Wins: tenders.Count(t => t.Awards.Any(a => a.SupplierPartyId == g.Key && a.Status == AwardStatus.Active))))
            .Where(x => x.Wins > 3)
            .ToList();
        var captiveParty = await db.Parties.SingleAsync(p => p.Id == Assert.Single(captive).Party);
        Assert.Equal(DemoPlantedCases.For("P-CAPTIVE").First(c => c.Fires).SubjectKey, captiveParty.Key);
        var cleanKey = DemoPlantedCases.For("P-CAPTIVE").First(c => !c.Fires).SubjectKey!["UA-EDR-".Length..];
        var cleanCaptive = await db.Parties.SingleAsync(p => p.IdentifierId == cleanKey);
        Assert.Equal(3, tenders.Count(t => t.Awards.Any(a => a.SupplierPartyId == cleanCaptive.Id)));

        // P-LOWCOMPETITION: only the planted enterprise averages fewer than two bidders per competitive tender.
        var means = tenders.Where(t => t.Method is ProcurementMethod.Open or ProcurementMethod.Selective && t.Status != TenderStatus.Cancelled && t.TenderPeriodEnd < Now)
            .GroupBy(t => t.Enterprise!.Edrpou)
            .ToDictionary(g => g.Key, g => g.Average(Bidders));
        Assert.Equal("UA-EDR-" + Assert.Single(means, m => m.Value < 2.0).Key, DemoPlantedCases.For("P-LOWCOMPETITION").First(c => c.Fires).SubjectKey);
        Assert.True(means[DemoPlantedCases.For("P-LOWCOMPETITION").First(c => !c.Fires).SubjectKey!["UA-EDR-".Length..]] >= 2.5);

        // Background hygiene: bid amounts differ within a tender (R028 only where planted), periods are 15+ days (R003 only
        // where planted), and phones are shared only by the planted pairs.
        var r028 = DemoPlantedCases.For("R028").First(c => c.Fires).Reference;
        Assert.All(tenders.Where(t => t.Ocid != r028), t =>
            Assert.Equal(t.Bids.Count, t.Bids.Select(b => b.AmountMinor).Distinct().Count()));
        var r003 = DemoPlantedCases.For("R003").First(c => c.Fires).Reference;
        Assert.All(tenders.Where(t => t.TenderPeriodStart != null && t.Ocid != r003), t =>
            Assert.True((t.TenderPeriodEnd!.Value - t.TenderPeriodStart!.Value).TotalDays >= 15, t.Ocid));
        var phones = await db.Parties.GroupBy(p => p.ContactPhone).Where(g => g.Count() > 1).CountAsync();
        Assert.Equal(2, phones); // P-SHAREDCONTACT and L-DEFAULT
    }

    [Fact]
    public async Task Planted_auction_cases_have_their_property_and_twins_do_not()
    {
        await using var db = demo.NewContext();

        var low = await Auction(db, "L-LOWSTART", true);
        Assert.True(low.StartingRentMinor * 100 < low.Asset!.AppraisedValueMinor);
        var lowClean = await Auction(db, "L-LOWSTART", false);
        Assert.True(lowClean.StartingRentMinor * 100 >= lowClean.Asset!.AppraisedValueMinor);
        Assert.Equal(1, low.AttemptNumber);
        Assert.Equal(1, lowClean.AttemptNumber);

        var single = await Auction(db, "L-SINGLE", true);
        Assert.Equal(AuctionStatus.Concluded, single.Status);
        Assert.Equal(1, single.Participants.Count(p => p.Qualified));
        Assert.True((await Auction(db, "L-SINGLE", false)).Participants.Count(p => p.Qualified) >= 2);

        static bool NoUplift(LeaseAuction a) => a.Participants.Count(p => p.Qualified) >= 2
            && a.FinalRentMinor - a.StartingRentMinor < Math.Max(a.MinimumStepMinor, a.StartingRentMinor / 100);
        Assert.True(NoUplift(await Auction(db, "L-NOUPLIFT", true)));
        Assert.False(NoUplift(await Auction(db, "L-NOUPLIFT", false)));

        var cascade = await Auction(db, "L-CASCADE", true);
        var chain = new List<LeaseAuction> { cascade };
        while (chain[^1].PreviousAttemptId is { } previous)
            chain.Add(await db.LeaseAuctions.Include(a => a.Participants).SingleAsync(a => a.Id == previous));
        Assert.True(chain.Count >= 3);
        Assert.All(chain.Skip(1), a => Assert.Equal(AuctionStatus.Failed, a.Status));
        Assert.All(chain.Skip(1), a => Assert.True(a.StartingRentMinor > chain[chain.IndexOf(a) - 1].StartingRentMinor));
        var lessee = cascade.LeaseContract!.LesseePartyId;
        Assert.Equal(cascade.Asset!.SittingTenantPartyId, lessee);
        Assert.All(chain.Skip(1), a => Assert.Equal(lessee, Assert.Single(a.Participants).PartyId));
        var cascadeClean = await Auction(db, "L-CASCADE", false);
        Assert.NotNull(cascadeClean.PreviousAttemptId);
        Assert.Null(cascadeClean.Asset!.SittingTenantPartyId);
        Assert.Empty(await db.AuctionParticipants.Where(p => p.AuctionId == cascadeClean.PreviousAttemptId).ToListAsync());

        static bool RelatedRefusal(LeaseAuction a)
        {
            var refused = a.Participants.Single(p => p.Id == a.RefusedParticipantId).Party!;
            var winner = a.Participants.Single(p => p.Id == a.WinnerParticipantId).Party!;
            return refused.ContactPhone == winner.ContactPhone
                || refused.BeneficialOwners.Any(o => winner.BeneficialOwners.Any(w => w.TaxNumber == o.TaxNumber));
        }
        var defaulted = await Auction(db, "L-DEFAULT", true);
        Assert.True(RelatedRefusal(defaulted));
        Assert.Equal(defaulted.Participants.Single(p => p.Id == defaulted.WinnerParticipantId).PartyId, defaulted.LeaseContract!.LesseePartyId);
        Assert.False(RelatedRefusal(await Auction(db, "L-DEFAULT", false)));

        var insider = await Auction(db, "L-INSIDER", true);
        var officials = await db.Officials.Where(o => o.OrganisationId == insider.EnterpriseId).Select(o => o.PersonId).ToListAsync();
        var relatives = await db.Relatives.Where(r => officials.Contains(r.PersonId)).Select(r => r.RelativeId).ToListAsync();
        static List<int> OwnerPersons(LeaseAuction a) => a.Participants.Single(p => p.Id == a.WinnerParticipantId).Party!
            .BeneficialOwners.Where(o => o.PersonId != null).Select(o => o.PersonId!.Value).ToList();
        Assert.Contains(OwnerPersons(insider), relatives.Concat(officials).Contains);
        Assert.Empty(OwnerPersons(await Auction(db, "L-INSIDER", false)));

        // L-CONCENTRATION: per enterprise, the leased area and object count of each beneficial-owner group.
        var leases = await db.LeaseContracts.Join(db.LeaseAuctions, c => c.AuctionId, a => a.Id, (c, a) => new { c.LesseePartyId, a.EnterpriseId, a.Asset!.AreaSquareMetres }).ToListAsync();
        var owners = await db.BeneficialOwners.Select(o => new { o.PartyId, o.TaxNumber }).ToListAsync();
        string Group(int party) => owners.Where(o => o.PartyId == party).Select(o => o.TaxNumber).Order().FirstOrDefault() ?? $"party-{party}";
        var concentrated = leases.GroupBy(l => l.EnterpriseId)
            .SelectMany(e => e.GroupBy(l => Group(l.LesseePartyId)).Select(g => (Enterprise: e.Key, Group: g.Key, Objects: g.Count(),
                Share: g.Sum(x => x.AreaSquareMetres) / e.Sum(x => x.AreaSquareMetres))))
            .Where(x => x.Objects >= 3 || x.Share >= 0.25m)
            .ToList();
        Assert.Equal("UA-RNOKPP-" + Assert.Single(concentrated).Group, DemoPlantedCases.For("L-CONCENTRATION").First(c => c.Fires).SubjectKey);
    }

    [Fact]
    public async Task Planted_competition_cases_have_their_property_and_twins_do_not()
    {
        await using var db = demo.NewContext();

        static double Window(Competition c) => (c.ApplicationDeadline!.Value - c.AnnouncedAt!.Value).TotalDays;
        Assert.True(Window(await Competition(db, "C-SHORTWINDOW", true)) < 30);
        Assert.True(Window(await Competition(db, "C-SHORTWINDOW", false)) >= 30);

        static int Eligible(Competition c) => c.Candidates.Count(x => x.Eligibility == EligibilityDecision.Eligible);
        Assert.True(Eligible(await Competition(db, "C-FEWAPPLICANTS", true)) < 3);
        Assert.True(Eligible(await Competition(db, "C-FEWAPPLICANTS", false)) >= 3);
        Assert.Equal(1, (await Competition(db, "C-SINGLEFINALIST", true)).Candidates.Count(x => x.Shortlisted));
        Assert.True((await Competition(db, "C-SINGLEFINALIST", false)).Candidates.Count(x => x.Shortlisted) >= 2);

        var changed = await Competition(db, "C-CRITERIACHANGED", true);
        Assert.True(changed.CriteriaVersion > changed.AnnouncedCriteriaVersion);
        Assert.Contains(changed.Criteria, c => c.CreatedAt > changed.AnnouncedAt);
        var unchanged = await Competition(db, "C-CRITERIACHANGED", false);
        Assert.Equal(unchanged.AnnouncedCriteriaVersion, unchanged.CriteriaVersion);

        static bool Coi(Competition c) => c.Commission.Any(m => m.Voting && m.DeclaredConflictCandidateId != null && m.RecusedAt == null
            && c.Scores.Any(s => s.MemberId == m.Id));
        Assert.True(Coi(await Competition(db, "C-COI", true)));
        var coiClean = await Competition(db, "C-COI", false);
        Assert.False(Coi(coiClean));
        Assert.Contains(coiClean.Commission, m => m.DeclaredConflictCandidateId != null && m.RecusedAt != null);

        static bool Outlier(Competition c) => c.Scores.GroupBy(s => (s.CandidateId, s.CriterionId)).Any(g =>
        {
            var values = g.Select(s => s.Value).Order().ToList();
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2.0;
            return values.Any(v => Math.Abs(v - median) > 2.5);
        });
        Assert.True(Outlier(await Competition(db, "C-OUTLIER", true)));
        Assert.False(Outlier(await Competition(db, "C-OUTLIER", false)));

        static bool Identical(Competition c) => c.Scores.GroupBy(s => s.MemberId)
            .Select(g => string.Join(",", g.OrderBy(s => s.CandidateId).ThenBy(s => s.CriterionId).Select(s => $"{s.CandidateId}:{s.CriterionId}:{s.Value}")))
            .GroupBy(v => v).Any(g => g.Count() > 1);
        Assert.True(Identical(await Competition(db, "C-IDENTICAL", true)));
        Assert.False(Identical(await Competition(db, "C-IDENTICAL", false)));

        static int TopCandidate(Competition c) => c.Scores.GroupBy(s => s.CandidateId)
            .MaxBy(g => g.GroupBy(s => s.CriterionId).Sum(k => c.Criteria.Single(x => x.Id == k.Key).Weight * (decimal)k.Average(s => s.Value)))!.Key;
        var notTop = await Competition(db, "C-NOTTOP", true);
        Assert.NotEqual(TopCandidate(notTop), notTop.Decision!.AppointedCandidateId);
        Assert.Null(notTop.Decision.DepartureReason);
        var top = await Competition(db, "C-NOTTOP", false, 0);
        Assert.Equal(TopCandidate(top), top.Decision!.AppointedCandidateId);
        var withReason = await Competition(db, "C-NOTTOP", false, 1);
        Assert.NotEqual(TopCandidate(withReason), withReason.Decision!.AppointedCandidateId);
        Assert.False(string.IsNullOrWhiteSpace(withReason.Decision.DepartureReason));

        var ignored = await Competition(db, "C-IGNOREDOBJECTION", true);
        var objection = ignored.Opinions.Single(o => o.Kind == OpinionKind.Objection);
        Assert.Null(objection.Answer);
        Assert.True(objection.AnswerDueAt < ignored.Decision!.DecidedAt);
        Assert.True(objection.AnswerDueAt <= DemoWorld.AddWorkingDays(objection.FiledAt, 10));
        Assert.All((await Competition(db, "C-IGNOREDOBJECTION", false)).Opinions, o => Assert.True(o.AnsweredAt <= o.AnswerDueAt));

        var stalled = await Competition(db, "C-STALLED", true);
        Assert.Null(stalled.PublishedAt);
        Assert.Null(stalled.Decision);
        Assert.True(DemoWorld.AddWorkingDays(stalled.PlannedDecisionDate!.Value, 20) < Now);
        var published = await Competition(db, "C-STALLED", false);
        Assert.True(published.PublishedAt <= DemoWorld.AddWorkingDays(published.PlannedDecisionDate!.Value, 20));

        var dismissed = await Competition(db, "C-EARLYDISMISSAL", true);
        Assert.True((dismissed.Decision!.AppointeeDismissedAt!.Value - dismissed.Decision.DecidedAt).TotalDays < 180);
        Assert.Null((await Competition(db, "C-EARLYDISMISSAL", false)).Decision!.AppointeeDismissedAt);
    }
}
