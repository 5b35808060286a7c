using System.Security.Cryptography;
using System.Text;
using ProcurementAudit.Core.Domain;
using static ProcurementAudit.Core.Demo.DemoPlantedCases;

namespace ProcurementAudit.Core.Demo;

/// <summary>
/// 31 leasable assets and 34 lease auctions at four enterprises. Background auctions start at 1.15-1.4% of the
/// appraised value, draw 2-4 qualified bidders and end 3-15 minimum steps over the start; every enterprise that leases
/// has seven or more lessees of distinct owners on 80-140 m², so no owner group reaches 25% of its leased area.
/// </summary>
internal static class DemoAuctions
{
    private sealed class AuctionDraft(LeaseAuction auction)
    {
        public LeaseAuction Auction { get; } = auction;
        public AuctionDraft? Previous { get; init; }
        public List<(AuctionParticipant Participant, Party Party)> Participants { get; } = [];
        public List<(AuctionBid Bid, AuctionParticipant Participant)> Bids { get; } = [];
        public AuctionParticipant? Winner { get; set; }
        public AuctionParticipant? Refused { get; set; }
        public LeaseContract? Contract { get; set; }
        public Party? Lessee { get; set; }
    }

    private sealed class AssetDraft(Asset asset, Organisation enterprise)
    {
        public Asset Asset { get; } = asset;
        public Organisation Enterprise { get; } = enterprise;
        public Party? SittingTenant { get; set; }
        public List<AuctionDraft> Attempts { get; } = [];
    }

    public static int Build(DemoWorld world) => new Builder(world, new Random(3003)).Build();

    private sealed class Builder(DemoWorld world, Random rng)
    {
        private readonly List<AssetDraft> assets = [];
        private int nextLessee;

        private static readonly string[] Kinds =
        [
            "Нежитлове приміщення на першому поверсі адміністративного корпусу",
            "Нежитлове приміщення на другому поверсі адміністративного корпусу",
            "Частина складського приміщення",
            "Приміщення колишньої їдальні",
            "Частина виробничого корпусу (ділянка механічної обробки)",
            "Окрема будівля гаража",
            "Приміщення лабораторного корпусу",
        ];

        private Party NextLessee() => world.Lessees[nextLessee++];

        private Party RandomBidder(IEnumerable<Party> exclude)
        {
            var excluded = exclude.ToList();
            for (; ; )
            {
                var party = world.Lessees[rng.Next(world.Lessees.Count)];
                if (!excluded.Contains(party)) return party;
            }
        }

        private AssetDraft Asset(int number, int enterprise, decimal? area = null)
        {
            var ent = world.E(enterprise);
            var m2 = area ?? 80 + rng.Next(61);
            var inventory = AssetInventory(number);
            var city = DemoNames.Cities.First(c => c.Region == ent.Region);
            var address = world.Names.Address(city);
            var appraised = DemoWorld.RoundBudget(DemoWorld.Uah(m2 * (14_000 + rng.Next(18_000))));
            var description = $"{Kinds[rng.Next(Kinds.Length)]}, {m2} м² {AssetMarker(inventory)}";
            var asset = new Asset
            {
                Description = description,
                AreaSquareMetres = m2,
                Address = $"{address.Postal}, м. {city.Name}, {address.Street}",
                AppraisedValueMinor = appraised,
            };
            var report = $"Звіт про незалежну оцінку {inventory}: {Money.FromMinor(appraised)} грн";
            asset.Documents.Add(new AssetDocument { Title = $"Звіт про оцінку майна {inventory}", Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report))) });
            var draft = new AssetDraft(asset, ent);
            assets.Add(draft);
            return draft;
        }

        private AuctionDraft Attempt(AssetDraft asset, DateTime announced, decimal startPercent, AuctionMethod method = AuctionMethod.English, long? startRent = null)
        {
            var previous = asset.Attempts.LastOrDefault();
            var start = startRent ?? (long)Math.Round(asset.Asset.AppraisedValueMinor * startPercent / 100m);
            var auction = new LeaseAuction
            {
                Method = method,
                Status = AuctionStatus.Concluded,
                StartingRentMinor = start,
                MinimumStepMinor = Math.Max(100, start / 100),
                GuaranteeDepositMinor = start * 3,
                AnnouncedAt = announced,
                BidDeadline = announced.AddDays(20).Date.AddHours(20),
                ClosedAt = announced.AddDays(21).Date.AddHours(11),
                AttemptNumber = asset.Attempts.Count + 1,
                CreatedAt = announced.AddHours(-2),
                CreatedBy = DemoWorld.Actor,
            };
            var draft = new AuctionDraft(auction) { Previous = previous };
            asset.Attempts.Add(draft);
            return draft;
        }

        private AuctionParticipant Join(AuctionDraft a, Party party, bool qualified = true)
        {
            var participant = new AuctionParticipant
            {
                DepositPaid = qualified,
                Qualified = qualified,
                RegisteredAt = a.Auction.AnnouncedAt.AddDays(2 + rng.Next(15)).AddHours(rng.Next(8)),
            };
            a.Participants.Add((participant, party));
            return participant;
        }

        private void Place(AuctionDraft a, AuctionParticipant participant, long amount) =>
            a.Bids.Add((new AuctionBid { AmountMinor = amount, PlacedAt = a.Auction.ClosedAt!.Value.AddMinutes(a.Bids.Count * 2) }, participant));

        /// <summary>English rounds: bidders take turns raising by 1-2 steps until <paramref name="steps"/> over the start.</summary>
        private AuctionParticipant Rounds(AuctionDraft a, IReadOnlyList<AuctionParticipant> bidders, int steps, AuctionParticipant? lastBidder = null)
        {
            var amount = a.Auction.StartingRentMinor;
            var at = 0;
            var turn = 0;
            AuctionParticipant current = bidders[0];
            Place(a, current, amount);
            while (at < steps)
            {
                at = Math.Min(steps, at + 1 + rng.Next(2));
                turn = (turn + 1) % bidders.Count;
                current = at == steps && lastBidder is not null ? lastBidder : bidders[turn];
                Place(a, current, a.Auction.StartingRentMinor + (at * a.Auction.MinimumStepMinor));
            }
            return current;
        }

        private void Lease(AuctionDraft a, AuctionParticipant winner, Party lessee)
        {
            a.Winner = winner;
            a.Lessee = lessee;
            a.Auction.FinalRentMinor = a.Bids.Where(b => b.Participant == winner).Max(b => b.Bid.AmountMinor);
            a.Contract = new LeaseContract
            {
                MonthlyRentMinor = a.Auction.FinalRentMinor.Value,
                SignedAt = (a.Auction.RefusedAt ?? a.Auction.ClosedAt!.Value).AddDays(7 + rng.Next(14)),
                TermMonths = 12 * (3 + rng.Next(3)),
            };
        }

        private void Fail(AuctionDraft a, string reason)
        {
            a.Auction.Status = AuctionStatus.Failed;
            a.Auction.FailureReason = reason;
        }

        /// <summary>A background auction: 2-4 qualified bidders, 3-15 steps of uplift, the winner signs.</summary>
        private void Normal(AuctionDraft a, Party? winnerParty = null, int? bidders = null)
        {
            var winner = winnerParty ?? NextLessee();
            var parties = new List<Party> { winner };
            var count = bidders ?? 2 + rng.Next(3);
            while (parties.Count < count) parties.Add(RandomBidder(parties));
            var joined = parties.Select(p => Join(a, p)).ToList();
            var order = joined.Skip(1).Append(joined[0]).ToList();
            Rounds(a, order, 3 + rng.Next(13), lastBidder: joined[0]);
            Lease(a, joined[0], winner);
        }

        private DateTime Announced(int year, int month) => DemoWorld.Day(year, month, 1 + rng.Next(25), 10);

        private decimal BackgroundPercent() => (115 + rng.Next(26)) / 100m;

        public int Build()
        {
            var insider = DemoOrganisations.InsiderRelative(world);

            // E1: seven leases, two of them planted (L-SINGLE, L-NOUPLIFT), one open auction and one failed attempt.
            foreach (var n in new[] { 1, 2, 3, 5, 7 })
                Normal(Attempt(Asset(n, 1), Announced(2024 + (n % 2), 2 + n), BackgroundPercent()));

            var single = Attempt(Asset(A.Single, 1), Announced(2025, 3), BackgroundPercent());
            single.Auction.MinimumQualifiedBidders = 1;
            var sole = Join(single, NextLessee());
            Join(single, RandomBidder([single.Participants[0].Party]), qualified: false);
            Place(single, sole, single.Auction.StartingRentMinor);
            Lease(single, sole, single.Participants[0].Party);

            var noUplift = Attempt(Asset(A.NoUplift, 1), Announced(2025, 5), BackgroundPercent());
            var first = Join(noUplift, NextLessee());
            var second = Join(noUplift, RandomBidder([noUplift.Participants[0].Party]));
            // Both closed bids name the starting rent and nobody raises it in the auction round.
            Place(noUplift, first, noUplift.Auction.StartingRentMinor);
            Place(noUplift, second, noUplift.Auction.StartingRentMinor);
            Lease(noUplift, first, noUplift.Participants[0].Party);

            // E3: eight leases including L-LOWSTART, the L-CASCADE chain, L-INSIDER and the clean refusal.
            Normal(Attempt(Asset(A.LowStart, 3), Announced(2025, 2), 0.4m), bidders: 3);
            foreach (var n in new[] { 10, A.SingleClean, 18 })
                Normal(Attempt(Asset(n, 3), Announced(2024, n % 12 + 1), BackgroundPercent()), bidders: n == A.SingleClean ? 3 : null);

            var cascade = Asset(A.Cascade, 3);
            var tenant = world.NewParty(rng, "ТОВ", "Дніпросклад-Логістик");
            cascade.SittingTenant = tenant;
            var attempt = Attempt(cascade, Announced(2024, 9), 1.1m);
            Join(attempt, tenant);
            Fail(attempt, "Аукціон не відбувся: подано лише одну заяву на участь");
            attempt = Attempt(cascade, attempt.Auction.ClosedAt!.Value.AddDays(10), 0, AuctionMethod.PriceReduction, attempt.Auction.StartingRentMinor / 2);
            Join(attempt, tenant);
            Fail(attempt, "Аукціон зі зниженням стартової ціни не відбувся: подано лише одну заяву на участь");
            attempt = Attempt(cascade, attempt.Auction.ClosedAt!.Value.AddDays(10), 0, AuctionMethod.Descending, attempt.Auction.StartingRentMinor / 2);
            var tenantSeat = Join(attempt, tenant);
            var other = Join(attempt, RandomBidder([tenant]));
            Rounds(attempt, [other, tenantSeat], 2, lastBidder: tenantSeat);
            Lease(attempt, tenantSeat, tenant);

            var insiderCompany = world.NewParty(rng, "ТОВ", "Артбуд-Дніпро", owners:
                [new BeneficialOwner { FullName = insider.FullName, Person = insider, TaxNumber = insider.TaxNumber, Nationality = "UA", SharePercent = 100m }]);
            Normal(Attempt(Asset(A.Insider, 3), Announced(2025, 6), BackgroundPercent()), insiderCompany, 3);
            Normal(Attempt(Asset(A.InsiderClean, 3), Announced(2025, 6), BackgroundPercent()), bidders: 3);

            Refusal(Asset(A.DefaultClean, 3), related: false);

            // E6: seven leases of distinct owners (the clean twin of L-CONCENTRATION), with L-DEFAULT and clean twins.
            Refusal(Asset(A.Default, 6), related: true);
            foreach (var n in new[] { A.NoUpliftClean, 14, 16, A.ConcentrationClean })
                Normal(Attempt(Asset(n, 6), Announced(2024 + (n % 2), n % 12 + 1), BackgroundPercent()), bidders: n == A.NoUpliftClean ? 2 : null);
            Normal(Attempt(Asset(A.LowStartClean, 6), Announced(2025, 4), 1.0m));
            var chain = Asset(A.CascadeClean, 6);
            attempt = Attempt(chain, Announced(2025, 1), 1.35m);
            Fail(attempt, "Аукціон не відбувся: не подано жодної заяви на участь");
            attempt = Attempt(chain, attempt.Auction.ClosedAt!.Value.AddDays(10), 0, AuctionMethod.PriceReduction, attempt.Auction.StartingRentMinor * 9 / 10);
            Normal(attempt, bidders: 3);

            // E2: three leases to companies of one owner (L-CONCENTRATION) beside three ordinary ones.
            var owner = new Person { FullName = world.Names.Person(false), TaxNumber = world.Names.Reserve("rnokpp", DemoPlantedCases.Keys.ConcentrationOwnerTaxNumber) };
            world.Persons.Add(owner);
            world.Plan.Add(0, owner);
            string[] groupNames = ["Промпарк Слобожанщина", "Складсервіс Харків", "Логістик-Парк Схід"];
            decimal[] groupAreas = [420m, 380m, 510m];
            for (var i = 0; i < A.Concentration.Length; i++)
            {
                var company = world.NewParty(rng, "ТОВ", groupNames[i], owners:
                    [new BeneficialOwner { FullName = owner.FullName, Person = owner, TaxNumber = owner.TaxNumber, Nationality = "UA", SharePercent = i == 0 ? 100m : 90m }]);
                Normal(Attempt(Asset(A.Concentration[i], 2, groupAreas[i]), Announced(2024 + (i / 2), 3 + (i * 3)), BackgroundPercent()), company, 2);
            }
            foreach (var n in new[] { 26, 27, 28 })
                Normal(Attempt(Asset(n, 2), Announced(2025, n - 18), BackgroundPercent()));

            // Still open: announced a few days ago, bid deadline ahead of the clock, sealed bids in.
            var today = new DateTime(world.Now.Year, world.Now.Month, world.Now.Day, 10, 0, 0, DateTimeKind.Utc);
            foreach (var (n, ent) in new[] { (29, 1), (30, 6) })
            {
                var open = Attempt(Asset(n, ent), today.AddDays(-5), BackgroundPercent());
                open.Auction.Status = AuctionStatus.Announced;
                open.Auction.BidDeadline = today.AddDays(10 + (n - 29) * 5).Date.AddHours(20);
                open.Auction.ClosedAt = null;
                var seat = Join(open, RandomBidder([]));
                seat.RegisteredAt = today.AddDays(-4).AddHours(rng.Next(48));
                open.Bids.Add((new AuctionBid { AmountMinor = open.Auction.StartingRentMinor + (open.Auction.MinimumStepMinor * (1 + rng.Next(5))), PlacedAt = seat.RegisteredAt.AddMinutes(30) }, seat));
            }

            // E1: a failed first attempt not yet relisted.
            var failed = Attempt(Asset(31, 1), Announced(2025, 11), BackgroundPercent());
            Fail(failed, "Аукціон не відбувся: не подано жодної заяви на участь");

            Register();
            return assets.Sum(a => a.Attempts.Count);
        }

        /// <summary>The winner refuses to sign and the lease goes to the next bidder, related to the winner or not.</summary>
        private void Refusal(AssetDraft asset, bool related)
        {
            var a = Attempt(asset, Announced(2025, related ? 7 : 8), BackgroundPercent());
            Party refuser, next;
            if (related)
            {
                var phone = world.Names.Phone();
                var name = world.Names.Person(false);
                var tax = world.Names.TaxNumber();
                BeneficialOwner Owner(decimal share) => new() { FullName = name, TaxNumber = tax, Nationality = "UA", SharePercent = share };
                refuser = world.NewParty(rng, "ТОВ", "Запоріжторгсервіс", phone: phone, owners: [Owner(100m)]);
                next = world.NewParty(rng, "ПП", "Січ-Оренда", phone: phone, owners: [Owner(100m)]);
            }
            else
            {
                refuser = NextLessee();
                next = NextLessee();
            }
            var third = RandomBidder([refuser, next]);
            var seats = new[] { Join(a, third), Join(a, next), Join(a, refuser) };
            // The refuser bids highest and the next bidder second-highest, so the lease passes to the next bidder.
            var steps = 6 + rng.Next(5);
            for (var i = 0; i <= steps; i++)
            {
                var seat = i == steps ? seats[2] : i == steps - 1 ? seats[1] : seats[i % 2 == 0 ? 0 : 2];
                Place(a, seat, a.Auction.StartingRentMinor + (i * a.Auction.MinimumStepMinor));
            }
            a.Refused = seats[2];
            a.Auction.RefusedAt = a.Auction.ClosedAt!.Value.AddDays(5);
            Lease(a, seats[1], next);
        }

        private void Register()
        {
            var plan = world.Plan;
            foreach (var asset in assets)
            {
                var entity = asset.Asset;
                plan.Add(1, () => { entity.EnterpriseId = asset.Enterprise.Id; entity.SittingTenantPartyId = asset.SittingTenant?.Id; return entity; });
                foreach (var a in asset.Attempts)
                {
                    var auction = a.Auction;
                    plan.Add(1 + auction.AttemptNumber, () =>
                    {
                        auction.AssetId = entity.Id;
                        auction.EnterpriseId = asset.Enterprise.Id;
                        auction.PreviousAttemptId = a.Previous?.Auction.Id;
                        foreach (var (participant, party) in a.Participants)
                        {
                            participant.PartyId = party.Id;
                            auction.Participants.Add(participant);
                        }
                        return auction;
                    });
                    plan.Add(5, () =>
                    {
                        auction.WinnerParticipantId = a.Winner?.Id;
                        auction.RefusedParticipantId = a.Refused?.Id;
                        return null;
                    });
                    foreach (var (bid, participant) in a.Bids)
                        plan.Add(5, () => { bid.AuctionId = auction.Id; bid.ParticipantId = participant.Id; return bid; });
                    if (a.Contract is { } contract)
                        plan.Add(5, () => { contract.AuctionId = auction.Id; contract.LesseePartyId = a.Lessee!.Id; return contract; });
                }
            }
        }
    }
}
