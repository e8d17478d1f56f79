package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"time"

	"tochuc"
	"tochuc/demo/people"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

// genMember is one generated member ready for the bulk loader.
type genMember struct {
	m        tochuc.Member
	keys     store.MemberKeys
	province string
	events   []tochuc.MemberEvent
	spans    []tochuc.Span
	living   bool
}

type chunk struct {
	members []genMember
	done    chan struct{}
}

const chunkSize = 20000

// placer picks leaves by weight.
type placer struct {
	leaves []leaf
	cum    []float64
	byProv map[string][]int
}

func newPlacer(leaves []leaf) *placer {
	p := &placer{leaves: leaves, cum: make([]float64, len(leaves)), byProv: map[string][]int{}}
	sum := 0.0
	for i, l := range leaves {
		sum += l.weight
		p.cum[i] = sum
		p.byProv[l.province] = append(p.byProv[l.province], i)
	}
	return p
}

func (p *placer) pick(r *rand.Rand) int {
	x := r.Float64() * p.cum[len(p.cum)-1]
	return sort.SearchFloat64s(p.cum, x)
}

// communeNames lists "Xã …, Huyện …, Tỉnh …" per province, for birthplaces and home towns.
func communeNames(u *Units) map[string][]string {
	out := map[string][]string{}
	for _, p := range u.Before {
		for _, d := range p.Districts {
			for _, w := range d.Wards {
				out[p.Code] = append(out[p.Code], w.FullName+", "+d.FullName+", "+p.FullName)
			}
		}
	}
	return out
}

// randomDate returns a uniformly random date in [from, to).
func randomDate(r *rand.Rand, from, to tochuc.Date) tochuc.Date {
	a, b := from.Time(), to.Time()
	days := int(b.Sub(a).Hours() / 24)
	if days <= 0 {
		return from
	}
	return tochuc.DateOf(a.AddDate(0, 0, r.IntN(days)))
}

func addMonths(d tochuc.Date, n int) tochuc.Date { return tochuc.DateOf(d.Time().AddDate(0, n, 0)) }

// generate makes one member with a plausible history up to today.
func generate(r *rand.Rand, g *people.Generator, pl *placer, places map[string][]string, today tochuc.Date) genMember {
	// Admissions grow over the decades: density ∝ e^{k(y-1950)}.
	const k = 0.04
	span := float64(today.Time().Year() - 1950 + 1)
	year := 1950 + int(math.Log(1+r.Float64()*(math.Exp(k*span)-1))/k)
	decision := randomDate(r, tochuc.Date(fmt.Sprintf("%04d-01-01", year)), tochuc.Date(fmt.Sprintf("%04d-01-01", year+1)))
	if decision >= today {
		decision = randomDate(r, today.AddDays(-300), today)
	}
	age := 18 + int(r.ExpFloat64()*8)
	if age > 55 {
		age = 18 + r.IntN(20)
	}
	home := pl.leaves[pl.pick(r)]
	pr := g.Person(home.province, decision.Time().Year()-age)
	gm := genMember{province: home.province, living: true}
	m := &gm.m
	m.Surname, m.MiddleName, m.GivenName, m.Sex = pr.Surname, pr.Middle, pr.Given, pr.Sex
	m.FullName = vn.JoinName(pr.Surname, pr.Middle, pr.Given)
	bd := vn.PartialDate{Year: pr.BirthYear, Month: pr.BirthMonth, Day: pr.BirthDay, Precision: vn.PrecisionDay}
	if pr.BirthYear < 1960 {
		switch x := r.Float64(); {
		case x < 0.25:
			bd = vn.PartialDate{Year: pr.BirthYear, Precision: vn.PrecisionYear}
		case x < 0.35:
			bd = vn.PartialDate{Year: pr.BirthYear, Month: pr.BirthMonth, Precision: vn.PrecisionMonth}
		}
	}
	m.BirthDate = bd.String()
	m.Ethnicity, m.Religion, m.Education = pr.Ethnicity, pr.Religion, pr.Education
	m.ProfessionalQualification, m.PoliticalTheory, m.Occupation = pr.ProfessionalQualification, pr.PoliticalTheory, pr.Occupation
	// Some older doctors hold an academic title; drawn from the birth date, not the random
	// stream, so that the rest of the demo stays the same.
	if pr.ProfessionalQualification == "doctor" && pr.BirthYear <= 1980 {
		switch k := pr.BirthYear*12 + pr.BirthMonth; {
		case k%13 == 0:
			m.AcademicTitle = "professor"
		case k%4 == 0:
			m.AcademicTitle = "associate_professor"
		}
	}
	if ps := places[home.province]; len(ps) > 0 {
		m.BirthPlace = ps[r.IntN(len(ps))]
		m.HomeTown = m.BirthPlace
		if r.Float64() < 0.3 {
			m.HomeTown = ps[r.IntN(len(ps))]
		}
		m.Residence = ps[r.IntN(len(ps))]
	}
	ceremony := decision.AddDays(7 + r.IntN(21))
	official := addMonths(ceremony, 12)
	m.AdmissionDate, m.CeremonyDate = decision, ceremony
	ev := []tochuc.MemberEvent{{Kind: tochuc.EventAdmitted, Date: decision, OrgID: 0, Note: home.code}}
	end := today
	exitKind := ""
	if official < today {
		if r.Float64() < 0.01 {
			exitKind, end = tochuc.EventRemoved, official
		} else {
			m.OfficialDate = official
			ev = append(ev, tochuc.MemberEvent{Kind: tochuc.EventRecognized, Date: official})
		}
	}
	if exitKind == "" {
		born := pr.BirthYear
		pDeath := 0.02
		switch {
		case born < 1925:
			pDeath = 0.97
		case born < 1935:
			pDeath = 0.85
		case born < 1945:
			pDeath = 0.55
		case born < 1955:
			pDeath = 0.25
		case born < 1965:
			pDeath = 0.08
		}
		from := ceremony.AddDays(400)
		if old := tochuc.Date(fmt.Sprintf("%04d-01-01", born+60)); old > from {
			from = old
		}
		x := r.Float64()
		switch {
		case x < pDeath && from < today:
			exitKind, end = tochuc.EventDeceased, randomDate(r, from, today)
		case x < pDeath+0.006 && ceremony.AddDays(400) < today:
			exitKind, end = tochuc.EventRemoved, randomDate(r, ceremony.AddDays(400), today)
		case x < pDeath+0.008 && ceremony.AddDays(400) < today:
			exitKind, end = tochuc.EventWithdrawn, randomDate(r, ceremony.AddDays(400), today)
		case x < pDeath+0.009 && ceremony.AddDays(400) < today:
			exitKind, end = tochuc.EventExpelled, randomDate(r, ceremony.AddDays(400), today)
		}
	}
	// Transfers within the province (sometimes beyond), between the first year and the end.
	cur := home.code
	nTransfers := 0
	if x := r.Float64(); x < 0.06 {
		nTransfers = 2
	} else if x < 0.25 {
		nTransfers = 1
	}
	last := ceremony.AddDays(365)
	for i := 0; i < nTransfers && last < end.AddDays(-30); i++ {
		d := randomDate(r, last, end.AddDays(-30))
		var to leaf
		if idx := pl.byProv[home.province]; r.Float64() < 0.9 && len(idx) > 1 {
			to = pl.leaves[idx[r.IntN(len(idx))]]
		} else {
			to = pl.leaves[pl.pick(r)]
		}
		if to.code == cur {
			continue
		}
		ev = append(ev, tochuc.MemberEvent{Kind: tochuc.EventTransferred, Date: d, Note: to.code})
		cur, last = to.code, d.AddDays(1)
	}
	// The elderly may be exempted from meetings.
	if exitKind == "" && m.OfficialDate != "" && today.Time().Year()-pr.BirthYear > 72 && r.Float64() < 0.3 {
		from := tochuc.Date(fmt.Sprintf("%04d-01-01", pr.BirthYear+70))
		if from <= last {
			from = last.AddDays(1)
		}
		if from < today {
			ev = append(ev, tochuc.MemberEvent{Kind: tochuc.EventExempted, Date: randomDate(r, from, today)})
		}
	}
	if exitKind != "" {
		ev = append(ev, tochuc.MemberEvent{Kind: exitKind, Date: end})
		gm.living = exitKind != tochuc.EventDeceased
	}
	for i := range ev {
		ev[i].ID = int64(i)
		// Nothing else happens on the day of the reform, so that the totals of 30/06 and
		// 01/07/2025 shown after the build are equal when the restructure loses no one.
		if ev[i].Date == ReformDate {
			ev[i].Date = ReformDate.AddDays(1)
		}
	}
	gm.events = ev
	gm.keys = service.Keys(m)
	return gm
}

// Members generates n members and writes them with the bulk loader, chunk by chunk in order,
// each chunk from its own seeded generator so that the result does not depend on scheduling.
func Members(ctx context.Context, svc *service.Service, u *Units, c *Country, n int, seed uint64, progress func(int64)) (int64, time.Duration, error) {
	if err := svc.EnsureToday(ctx); err != nil {
		return 0, 0, err
	}
	orgs, err := svc.DB.OrgCodes(ctx)
	if err != nil {
		return 0, 0, err
	}
	pl := newPlacer(c.Leaves)
	places := communeNames(u)
	today := svc.Today()
	bulk, err := svc.DB.BeginBulk(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer bulk.Rollback()

	nChunks := (n + chunkSize - 1) / chunkSize
	jobs := make(chan int)
	chunks := make([]*chunk, nChunks)
	for i := range chunks {
		chunks[i] = &chunk{done: make(chan struct{})}
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := rand.New(rand.NewPCG(seed, uint64(i)+1))
				g := people.New(r)
				size := chunkSize
				if i == nChunks-1 {
					size = n - i*chunkSize
				}
				ms := make([]genMember, size)
				for j := range ms {
					ms[j] = generate(r, g, pl, places, today)
				}
				chunks[i].members = ms
				close(chunks[i].done)
			}
		}()
	}
	// At most a few chunks are generated ahead of the writer, so memory stays flat.
	ahead := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	go func() {
		defer close(jobs)
		for i := 0; i < nChunks; i++ {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()

	serial := map[string]int{} // CCCD serials per (province, birth year, sex): unique numbers
	var written int64
	for i, ch := range chunks {
		<-ch.done
		for j := range ch.members {
			gm := &ch.members[j]
			id := bulk.NextMemberID()
			for k := range gm.events {
				e := &gm.events[k]
				if e.Note != "" {
					e.OrgID, e.Note = orgs[e.Note], ""
				}
				e.MemberID = id
			}
			spans, err := tochuc.BuildSpans(id, gm.events)
			if err != nil {
				return written, 0, fmt.Errorf("demo: member %d: %w", id, err)
			}
			m := &gm.m
			if m.OfficialDate != "" {
				m.CardNumber = fmt.Sprintf("%s%07d", gm.province, id)
			}
			m.HistoryNumber = fmt.Sprintf("%s.%07d", gm.province, id)
			if gm.living {
				bd, _ := vn.ParsePartialDate(m.BirthDate)
				key := fmt.Sprintf("%s/%d/%s", gm.province, bd.Year, m.Sex)
				serial[key]++
				m.CitizenID = vn.MakeCitizenID("0"+gm.province, bd.Year, m.Sex, serial[key])
			}
			for k := range gm.events {
				gm.events[k].ID = 0
				bulk.AddEvent(gm.events[k])
			}
			for _, s := range spans {
				bulk.AddSpan(s)
			}
			status, org := tochuc.StatusAt(spans, nil, today)
			if err := bulk.AddMember(id, m, gm.keys, org, status); err != nil {
				return written, 0, err
			}
			written++
		}
		chunks[i].members = nil
		<-ahead
		if progress != nil {
			progress(written)
		}
		if err := ctx.Err(); err != nil {
			return written, 0, err
		}
	}
	if err := bulk.Commit(); err != nil {
		return written, 0, err
	}
	return written, bulk.IndexTime, nil
}
