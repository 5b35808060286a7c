using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>Each L-* indicator with a case that fires and a close case that does not, through the full scan on real SQLite.</summary>
public sealed class LeaseIndicatorTests : IAsyncLifetime
{
    private readonly RiskTestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    private static JsonElement Evidence(Flag flag) => JsonDocument.Parse(flag.EvidenceJson).RootElement.Clone();

    [Fact]
    public async Task L_SINGLE_fires_on_a_lease_concluded_with_one_qualified_bidder_only()
    {
        var (single, two) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha");
            var b = await data.PartyAsync("Beta");
            // B registered but was not qualified: only A counts.
            var s = await data.AuctionAsync(e.Id, [(a, 10_000_00), (b, 0)], qualified: p => p == a);
            var t = await data.AuctionAsync(e.Id, [(a, 10_000_00), (b, 10_100_00)]);
            return (s, t);
        });
        await db.Scan("L-SINGLE");
        var flag = Assert.Single(await db.Flags("L-SINGLE"));
        Assert.Equal(single.Id, flag.ProcedureId);
        Assert.NotEqual(two.Id, flag.ProcedureId);
        Assert.Equal(ProcedureKind.Auction, flag.ProcedureKind);
        Assert.Equal(1, Evidence(flag).GetProperty("qualifiedBidders").GetInt32());
        Assert.Equal(2, Evidence(flag).GetProperty("participants").GetInt32());
    }

    [Fact]
    public async Task L_NOUPLIFT_fires_when_two_bidders_leave_the_rent_less_than_a_step_above_the_start()
    {
        var (flat, raised) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha");
            var b = await data.PartyAsync("Beta");
            // Start 10 000.00, step 100.00: a final rent at the start fires; one full step above does not.
            var f = await data.AuctionAsync(e.Id, [(a, 10_000_00), (b, 10_000_00)], step: 100_00);
            var r = await data.AuctionAsync(e.Id, [(a, 10_000_00), (b, 10_100_00)], step: 100_00);
            return (f, r);
        });
        await db.Scan("L-NOUPLIFT");
        var flag = Assert.Single(await db.Flags("L-NOUPLIFT"));
        Assert.Equal(flat.Id, flag.ProcedureId);
        Assert.NotEqual(raised.Id, flag.ProcedureId);
        Assert.Equal(0m, Evidence(flag).GetProperty("uplift").GetDecimal());
        Assert.Equal(2, Evidence(flag).GetProperty("qualifiedBidders").GetInt32());
    }

    [Fact]
    public async Task L_LOWSTART_fires_below_one_percent_of_the_appraised_value_not_at_it()
    {
        var (low, atThreshold) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            // Appraised 1 000 000.00: 1% is 10 000.00 a month.
            var l = await data.AuctionAsync(e.Id, [], start: 9_999_99, appraised: 1_000_000_00, status: AuctionStatus.Announced);
            var ok = await data.AuctionAsync(e.Id, [], start: 10_000_00, appraised: 1_000_000_00, status: AuctionStatus.Announced);
            return (l, ok);
        });
        await db.Scan("L-LOWSTART");
        var flag = Assert.Single(await db.Flags("L-LOWSTART"));
        Assert.Equal(low.Id, flag.ProcedureId);
        Assert.NotEqual(atThreshold.Id, flag.ProcedureId);
        Assert.Equal(1_000_000m, Evidence(flag).GetProperty("appraisedValue").GetDecimal());
        Assert.Equal(9_999.99m, Evidence(flag).GetProperty("startingMonthlyRent").GetDecimal());
    }

    [Fact]
    public async Task L_CASCADE_fires_when_a_cut_price_chain_ends_with_the_former_sole_bidder_or_the_sitting_tenant()
    {
        var (soleEnd, tenantEnd, cleanEnd) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var insider = await data.PartyAsync("Insider");
            var tenant = await data.PartyAsync("Tenant");
            var other = await data.PartyAsync("Other");
            var third = await data.PartyAsync("Third");

            // Chain 1: the insider bids alone and the attempt fails; after a 10% cut the insider wins.
            var asset1 = await data.AssetAsync(e.Id);
            var f1 = await data.AuctionAsync(e.Id, [(insider, 10_000_00)], asset: asset1, status: AuctionStatus.Failed);
            var end1 = await data.AuctionAsync(e.Id, [(insider, 9_000_00), (other, 0)], asset: asset1, start: 9_000_00, previous: f1, qualified: p => p == insider, minimum: 1);

            // Chain 2: nobody comes, two cuts, the sitting tenant wins against a rival.
            var asset2 = await data.AssetAsync(e.Id, sittingTenant: tenant);
            var f2a = await data.AuctionAsync(e.Id, [], asset: asset2, status: AuctionStatus.Failed);
            var f2b = await data.AuctionAsync(e.Id, [], asset: asset2, start: 9_000_00, previous: f2a, status: AuctionStatus.Failed);
            var end2 = await data.AuctionAsync(e.Id, [(tenant, 8_200_00), (other, 8_100_00)], asset: asset2, start: 8_100_00, previous: f2b);

            // Chain 3 (negative): the same shape, but an unrelated newcomer wins.
            var asset3 = await data.AssetAsync(e.Id, sittingTenant: tenant);
            var f3 = await data.AuctionAsync(e.Id, [(insider, 10_000_00)], asset: asset3, status: AuctionStatus.Failed);
            var end3 = await data.AuctionAsync(e.Id, [(third, 9_100_00), (other, 9_000_00)], asset: asset3, start: 9_000_00, previous: f3);
            return (end1, end2, end3);
        });
        await db.Scan("L-CASCADE");
        var flags = await db.Flags("L-CASCADE");
        Assert.Equal([soleEnd.Id, tenantEnd.Id], flags.Select(f => f.ProcedureId));
        Assert.DoesNotContain(flags, f => f.ProcedureId == cleanEnd.Id);
        var sole = Evidence(flags[0]);
        Assert.Equal("formerSoleBidder", sole.GetProperty("reasons")[0].GetProperty("kind").GetString());
        Assert.Equal(10m, sole.GetProperty("startingRentCutPercent").GetDecimal());
        var tenantEvidence = Evidence(flags[1]);
        Assert.Equal("sittingTenant", tenantEvidence.GetProperty("reasons")[0].GetProperty("kind").GetString());
        Assert.Equal(3, tenantEvidence.GetProperty("chain").GetArrayLength());
    }

    [Fact]
    public async Task L_CASCADE_fires_on_a_party_related_to_the_sitting_tenant_and_not_without_a_price_cut()
    {
        var (related, noCut) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var tenant = await data.PartyAsync("Tenant", ownerTax: "1111111111");
            var front = await data.PartyAsync("Front", ownerTax: "1111111111");
            var other = await data.PartyAsync("Other");
            var asset = await data.AssetAsync(e.Id, sittingTenant: tenant);
            var f = await data.AuctionAsync(e.Id, [], asset: asset, status: AuctionStatus.Failed);
            var end = await data.AuctionAsync(e.Id, [(front, 9_100_00), (other, 9_000_00)], asset: asset, start: 9_000_00, previous: f);
            // Relisted at the same start (English): no cut, no flag even though the tenant wins.
            var asset2 = await data.AssetAsync(e.Id, sittingTenant: tenant);
            var f2 = await data.AuctionAsync(e.Id, [], asset: asset2, status: AuctionStatus.Failed);
            var end2 = await data.AuctionAsync(e.Id, [(tenant, 10_100_00), (other, 10_000_00)], asset: asset2, previous: f2);
            return (end, end2);
        });
        await db.Scan("L-CASCADE");
        var flag = Assert.Single(await db.Flags("L-CASCADE"));
        Assert.Equal(related.Id, flag.ProcedureId);
        Assert.NotEqual(noCut.Id, flag.ProcedureId);
        var reason = Evidence(flag).GetProperty("reasons")[0];
        Assert.Equal("relatedToSittingTenant", reason.GetProperty("kind").GetString());
        Assert.Equal("beneficialOwner", reason.GetProperty("links")[0].GetString());
    }

    [Fact]
    public async Task L_DEFAULT_fires_when_the_lease_passes_to_a_bidder_related_to_the_refusing_winner()
    {
        var (related, unrelated) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var winner = await data.PartyAsync("Winner", phone: "+380 44 123 45 67");
            var partner = await data.PartyAsync("Partner", phone: "044-123-45-67");
            var stranger = await data.PartyAsync("Stranger", phone: "+380 50 000 00 00");
            var r = await data.AuctionAsync(e.Id, [(winner, 12_000_00), (partner, 10_100_00)], refusedBy: winner);
            var u = await data.AuctionAsync(e.Id, [(winner, 12_000_00), (stranger, 10_100_00)], refusedBy: winner);
            return (r, u);
        });
        await db.Scan("L-DEFAULT");
        var flag = Assert.Single(await db.Flags("L-DEFAULT"));
        Assert.Equal(related.Id, flag.ProcedureId);
        Assert.NotEqual(unrelated.Id, flag.ProcedureId);
        var evidence = Evidence(flag);
        Assert.Equal("phone", evidence.GetProperty("links")[0].GetString());
        Assert.Equal(1_900m, evidence.GetProperty("monthlyRentLost").GetDecimal());
    }

    [Fact]
    public async Task L_CONCENTRATION_fires_on_an_owner_group_with_three_objects_or_a_quarter_of_the_area()
    {
        var (crowded, shared) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            // Enterprise 1: three small objects to two companies with one owner (by name, no tax number on one side).
            var e1 = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha", ownerName: "Коваль Іван Петрович", ownerTax: "2222222222");
            var a2 = await data.PartyAsync("Alpha Two", ownerName: "КОВАЛЬ  Іван Петрович");
            var others = new List<Party>();
            for (var i = 0; i < 12; i++) others.Add(await data.PartyAsync("Other " + i));
            foreach (var p in new[] { a, a2, a })
                await data.AuctionAsync(e1.Id, [(p, 10_000_00), (others[0], 0)], asset: await data.AssetAsync(e1.Id, area: 10m), qualified: x => x == p, minimum: 1);
            for (var i = 1; i < 12; i++)
                await data.AuctionAsync(e1.Id, [(others[i], 10_000_00)], asset: await data.AssetAsync(e1.Id, area: 100m), minimum: 1);

            // Enterprise 2: two objects, 30% of the area, to one group; and a single large lease that alone is not a group.
            var e2 = await data.EnterpriseAsync();
            var b = await data.PartyAsync("Beta", ownerTax: "3333333333");
            var b2 = await data.PartyAsync("Beta Two", ownerTax: "3333333333");
            var big = await data.PartyAsync("Big");
            await data.AuctionAsync(e2.Id, [(b, 10_000_00)], asset: await data.AssetAsync(e2.Id, area: 150m), minimum: 1, contract: true);
            await data.AuctionAsync(e2.Id, [(b2, 10_000_00)], asset: await data.AssetAsync(e2.Id, area: 150m), minimum: 1);
            await data.AuctionAsync(e2.Id, [(big, 10_000_00)], asset: await data.AssetAsync(e2.Id, area: 700m), minimum: 1);
            return (e1, e2);
        });
        await db.Scan("L-CONCENTRATION");
        var flags = await db.Flags("L-CONCENTRATION");
        // One flag per auction that leased to the group, all with the group as subject.
        var byObjects = flags.Where(f => f.EnterpriseId == crowded.Id).ToList();
        Assert.Equal(3, byObjects.Count);
        Assert.Single(byObjects.Select(f => f.SubjectKey).Distinct());
        Assert.Equal(3, Evidence(byObjects[0]).GetProperty("objects").GetInt32());
        Assert.Equal("objects", Evidence(byObjects[0]).GetProperty("firedBy").GetString());
        var byArea = flags.Where(f => f.EnterpriseId == shared.Id).ToList();
        Assert.Equal(2, byArea.Count);
        Assert.Equal(30m, Evidence(byArea[0]).GetProperty("areaSharePercent").GetDecimal());
        Assert.Equal("areaShare", Evidence(byArea[0]).GetProperty("firedBy").GetString());
        Assert.DoesNotContain("Big", byArea[0].Explanation);
        Assert.Equal(5, flags.Count);
    }

    [Fact]
    public async Task L_CONCENTRATION_is_cleared_on_every_auction_of_the_group_when_a_rescan_breaks_it()
    {
        var (auctions, betaId) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var a = await data.PartyAsync("Alpha", ownerTax: "4444444444");
            var b = await data.PartyAsync("Beta", ownerTax: "4444444444");
            var list = new List<LeaseAuction>();
            foreach (var p in new[] { a, b, a })
                list.Add(await data.AuctionAsync(e.Id, [(p, 10_000_00)], minimum: 1));
            return (list, b.Id);
        });
        await db.Scan("L-CONCENTRATION");
        Assert.Equal(3, (await db.Flags("L-CONCENTRATION")).Count(f => f.Status == FlagStatus.Open));
        // Beta turns out to have another owner: Alpha alone holds two of the three objects (200 of 300 m²), still a
        // flag on its two auctions, but no longer on Beta's.
        await db.Db(async ctx =>
        {
            var owner = await ctx.BeneficialOwners.SingleAsync(o => o.PartyId == betaId);
            owner.TaxNumber = "5555555555";
            await ctx.SaveChangesAsync();
        });
        await db.Send(new RescanProcedure.Command(ProcedureKind.Auction, auctions[0].Id));
        var flags = await db.Flags("L-CONCENTRATION");
        Assert.Equal(FlagStatus.Cleared, flags.Single(f => f.ProcedureId == auctions[1].Id).Status);
        Assert.Equal(2, flags.Count(f => f.Status == FlagStatus.Open));
    }

    [Fact]
    public async Task L_INSIDER_fires_when_the_lessee_is_owned_by_a_directors_declared_relative()
    {
        var (insider, outsider) = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var director = new Person { FullName = "Шевченко Андрій Миколайович", TaxNumber = "3000000001" };
            var wife = new Person { FullName = "Шевченко Олена Петрівна", TaxNumber = "3000000002" };
            director.Relatives.Add(new PersonRelative { Relative = wife, Relation = "spouse" });
            ctx.Persons.AddRange(director, wife);
            ctx.Officials.Add(new OrganisationOfficial
            {
                OrganisationId = e.Id, Person = director, Role = OfficialRole.Director, Title = "Director",
                From = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
            await ctx.SaveChangesAsync();
            // The owner is matched by tax number, without a link to the person record.
            var family = await data.PartyAsync("Family LLC", ownerName: "Olena Shevchenko", ownerTax: "3000000002");
            // Same name as the wife but a different tax number: a namesake, not her.
            var namesake = await data.PartyAsync("Namesake LLC", ownerName: "Шевченко Олена Петрівна", ownerTax: "3999999999");
            var other = await data.PartyAsync("Other");
            var i = await data.AuctionAsync(e.Id, [(family, 10_100_00), (other, 10_000_00)]);
            var o = await data.AuctionAsync(e.Id, [(namesake, 10_100_00), (other, 10_000_00)]);
            return (i, o);
        });
        await db.Scan("L-INSIDER");
        var flag = Assert.Single(await db.Flags("L-INSIDER"));
        Assert.Equal(insider.Id, flag.ProcedureId);
        Assert.NotEqual(outsider.Id, flag.ProcedureId);
        var match = Evidence(flag).GetProperty("matches")[0];
        Assert.Equal("taxNumber", match.GetProperty("matchedBy").GetString());
        Assert.Equal("spouse", match.GetProperty("relation").GetString());
        Assert.Equal("Director", match.GetProperty("officialRole").GetString());
        Assert.DoesNotContain("Олена", flag.EvidenceJson); // names of persons stay out of the evidence
    }

    [Fact]
    public async Task L_INSIDER_ignores_an_official_who_left_before_the_cooling_off_period()
    {
        await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            var former = new Person { FullName = "Бондар Петро Іванович" };
            ctx.Officials.Add(new OrganisationOfficial
            {
                OrganisationId = e.Id, Person = former, Role = OfficialRole.BoardMember, Title = "Board member",
                From = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
            await ctx.SaveChangesAsync();
            var owned = await data.PartyAsync("Former's LLC", ownerName: "Бондар Петро Іванович");
            var other = await data.PartyAsync("Other");
            return await data.AuctionAsync(e.Id, [(owned, 10_100_00), (other, 10_000_00)]); // announced 2025: over 12 months later
        });
        await db.Scan("L-INSIDER");
        Assert.Empty(await db.Flags("L-INSIDER"));
    }

    [Fact]
    public async Task A_rescan_of_an_auction_clears_its_lease_flag_after_the_data_is_fixed()
    {
        var auction = await db.Db(async ctx =>
        {
            var data = new LeaseData(ctx);
            var e = await data.EnterpriseAsync();
            return await data.AuctionAsync(e.Id, [], start: 5_000_00, appraised: 1_000_000_00, status: AuctionStatus.Announced);
        });
        await db.Send(new RescanProcedure.Command(ProcedureKind.Auction, auction.Id));
        Assert.Equal(FlagStatus.Open, Assert.Single(await db.Flags("L-LOWSTART")).Status);
        await db.Db(async ctx =>
        {
            var a = await ctx.LeaseAuctions.FindAsync(auction.Id);
            a!.StartingRentMinor = 12_000_00;
            await ctx.SaveChangesAsync();
        });
        await db.Send(new RescanProcedure.Command(ProcedureKind.Auction, auction.Id));
        Assert.Equal(FlagStatus.Cleared, Assert.Single(await db.Flags("L-LOWSTART")).Status);
    }
}

/// <summary>Builds lease-auction data straight through the context.</summary>
public sealed class LeaseData(ProcurementAudit.Core.Data.AuditDbContext db)
{
    private static int counter;
    private static readonly DateTime Announced = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<Organisation> EnterpriseAsync()
    {
        var conglomerate = new Organisation { Kind = OrganisationKind.Conglomerate, Name = "Holding " + Code(), Edrpou = Code() };
        var enterprise = new Organisation { Kind = OrganisationKind.Enterprise, Parent = conglomerate, Name = "Plant " + Code(), Edrpou = Code() };
        db.Organisations.AddRange(conglomerate, enterprise);
        await db.SaveChangesAsync();
        return enterprise;
    }

    public async Task<Party> PartyAsync(string name, string? phone = null, string? ownerName = null, string? ownerTax = null)
    {
        var party = new Party { Name = name, IdentifierScheme = "UA-EDR", IdentifierId = Code(), ContactPhone = phone };
        if (ownerName is not null || ownerTax is not null)
            party.BeneficialOwners.Add(new BeneficialOwner { FullName = ownerName ?? "Owner " + ownerTax, TaxNumber = ownerTax });
        db.Parties.Add(party);
        await db.SaveChangesAsync();
        return party;
    }

    public async Task<Asset> AssetAsync(int enterpriseId, decimal area = 100m, long appraised = 1_000_000_00, Party? sittingTenant = null)
    {
        var asset = new Asset
        {
            EnterpriseId = enterpriseId, Description = "Premises " + Code(), Address = "Kyiv", AreaSquareMetres = area,
            AppraisedValueMinor = appraised, SittingTenantPartyId = sittingTenant?.Id,
        };
        db.Assets.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    /// <summary>
    /// An English auction (start 10 000.00 unless given) with one participant per listed party (a bid of 0 means
    /// "registered, no bid"). Concluded by default, won by the highest qualified bidder at their bid.
    /// </summary>
    public async Task<LeaseAuction> AuctionAsync(int enterpriseId, IReadOnlyList<(Party Party, long Bid)> bidders, Asset? asset = null,
        long start = 10_000_00, long step = 100_00, long appraised = 1_000_000_00, AuctionStatus status = AuctionStatus.Concluded,
        LeaseAuction? previous = null, Func<Party, bool>? qualified = null, int minimum = 2, Party? refusedBy = null, bool contract = false)
    {
        asset ??= await AssetAsync(enterpriseId, appraised: appraised);
        var auction = new LeaseAuction
        {
            AssetId = asset.Id, EnterpriseId = enterpriseId, Method = AuctionMethod.English, Status = status, StartingRentMinor = start,
            MinimumStepMinor = step, AnnouncedAt = Announced.AddDays(previous is null ? 0 : 30 * previous.AttemptNumber),
            BidDeadline = Announced.AddDays(20 + (previous is null ? 0 : 30 * previous.AttemptNumber)), MinimumQualifiedBidders = minimum,
            PreviousAttemptId = previous?.Id, AttemptNumber = (previous?.AttemptNumber ?? 0) + 1, CreatedAt = Announced,
        };
        foreach (var (party, _) in bidders)
            auction.Participants.Add(new AuctionParticipant { PartyId = party.Id, DepositPaid = true, Qualified = qualified?.Invoke(party) ?? true, RegisteredAt = Announced });
        db.LeaseAuctions.Add(auction);
        await db.SaveChangesAsync();
        for (var i = 0; i < bidders.Count; i++)
            if (bidders[i].Bid > 0)
                auction.Bids.Add(new AuctionBid { ParticipantId = auction.Participants[i].Id, AmountMinor = bidders[i].Bid, PlacedAt = auction.AnnouncedAt.AddDays(1 + i) });
        if (status == AuctionStatus.Failed) auction.FailureReason = "Not enough bidders";
        await db.SaveChangesAsync();
        if (status == AuctionStatus.Concluded)
        {
            var ranking = Auctions.AuctionRules.Ranking(auction);
            auction.WinnerParticipantId = ranking[0].ParticipantId;
            auction.FinalRentMinor = ranking[0].AmountMinor;
            auction.ClosedAt = auction.BidDeadline;
            if (refusedBy is not null)
            {
                var refused = auction.Participants.Single(p => p.PartyId == refusedBy.Id);
                var next = ranking.First(s => s.ParticipantId != refused.Id);
                auction.RefusedParticipantId = refused.Id;
                auction.RefusedAt = auction.BidDeadline.AddDays(5);
                auction.WinnerParticipantId = next.ParticipantId;
                auction.FinalRentMinor = next.AmountMinor;
            }
            if (contract)
            {
                var lessee = auction.Participants.Single(p => p.Id == auction.WinnerParticipantId);
                auction.LeaseContract = new LeaseContract
                {
                    LesseePartyId = lessee.PartyId, MonthlyRentMinor = auction.FinalRentMinor!.Value, SignedAt = auction.BidDeadline.AddDays(10), TermMonths = 60,
                };
            }
        }
        else
            auction.ClosedAt = status == AuctionStatus.Failed ? auction.BidDeadline : null;
        await db.SaveChangesAsync();
        return auction;
    }

    private static string Code() => Interlocked.Increment(ref counter).ToString("D8");
}
