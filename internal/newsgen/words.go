package newsgen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// functionWords are common English words, most frequent first: they make up
// a little under half of the running text, as in real prose.
var functionWords = strings.Fields(`
	the of and to a in that is for on was with as by at it from he said
	his be this are has have an not but or they were their which had will
	who after its been more one also we would two new first when than about
	over up she there into her out some all can last could year people time
	other may now only years before most them while where under since three
	what between because during such many these those against our just
	city week told through both each well any back very own made still
	then should government says like however being another around across
	much even how here next without among four day near often later few
	beyond within along again yet once nearly almost several already
	whose whether though until never ever early late further rather
`)

// Syllable parts for the pseudo-words. Now and then a syllable takes a
// letter from the accented lists instead, so about one distinct word in six
// has a letter outside ASCII.
var (
	onsets = strings.Fields(`b b br c ch cl d d dr f fl g gr h j k k kr l l m m n n
		p pl pr r r s s sh sk sl sp st str t t th tr v w w z`)
	vowels = strings.Fields(`a a a e e e e i i i o o o u u ai ea ou ie oa y`)
	codas  = strings.Fields(`n n n r r l l s s t t m nd st rk ng x ck ss th ld nt rt`)

	accentedOnsets = strings.Fields(`ł ż ç ñ š č`)
	accentedVowels = strings.Fields(`é é á ö ő ü ü ó å ø ã è í ú`)
	accentedCodas  = strings.Fields(`ß ç ł ñ`)
)

// cjkWords are Chinese and Japanese words; they appear now and then in the
// text, sometimes two or three run together with no space, as they are
// written.
var cjkWords = strings.Fields(`
	新闻 城市 经济 天气 学校 火车 音乐 电影 医院 市场 图书馆 博物馆 港口 政府
	科学 历史 大学 公园 银行 工厂 农民 河流 山区 海洋 电脑 手机
	東京 大阪 京都 横浜 地震 台風 天気予報 選挙 会社 病院 駅前 新聞
	ニュース さくら ラーメン コンピュータ すし やま かわ でんしゃ しんぶん まつり
	テレビ ホテル カメラ サッカー スマホ ロボット
	서울 부산 뉴스 시장 학교
`)

// rtlWords are Arabic and Hebrew words, rarer still.
var rtlWords = strings.Fields(`
	سلام كتاب مدينة شمس بحر قمر شارع سوق أخبار جامعة مكتبة
	שלום ספר עיר ים שמש רחוב חדשות שוק עיתון
`)

// topTags are the most used tags, most used first.
var topTags = []string{
	"World", "Politics", "Business", "Sport", "Local", "Europe", "Science",
	"Culture", "Economy", "Technology", "Health", "Weather", "Transport",
	"Education", "Environment", "Music", "Crime", "Elections", "Energy",
	"Climate", "Housing", "Football", "Film", "Books", "Food", "Travel",
	"Markets", "Courts", "Parliament", "Space",
}

// moreTags are the rest of the hand-written tags; their ranks are shuffled
// among the generated place names.
var moreTags = []string{
	"Finance", "Tennis", "Cycling", "Athletics", "Rugby", "Chess", "Astronomy",
	"Biology", "Medicine", "Agriculture", "Fisheries", "Ports", "Aviation",
	"Railways", "Roads", "Villages", "Animals", "Wildlife", "Gardening",
	"Architecture", "Design", "Fashion", "Art", "Theatre", "Dance", "Museums",
	"History", "Archaeology", "Languages", "Religion", "Philosophy", "Law",
	"Police", "Defence", "Diplomacy", "Trade", "Industry", "Manufacturing",
	"Mining", "Retail", "Tourism", "Start-ups", "Software", "Internet",
	"Privacy", "Security", "Telecoms", "Media", "Television", "Radio",
	"Newspapers", "Podcasts", "Video Games", "Board Games", "Comics",
	"Photography", "Poetry", "Obituaries", "Opinion", "Letters", "Interviews",
	"Analysis", "Explainers", "Statistics", "Polls", "Labour", "Unions",
	"Pensions", "Taxes", "Budget", "Banking", "Insurance", "Property",
	"Construction", "Water", "Floods", "Drought", "Wildfires", "Storms",
	"Earthquakes", "Oceans", "Rivers", "Mountains", "Forests", "Birds",
	"Insects", "Pets", "Horses", "Zoos", "Universities", "Schools",
	"Children", "Families", "Youth", "Migration", "Human Rights",
	"Public Health", "Mental Health", "Nutrition", "Fitness", "Hospitals",
	"Vaccines", "Genetics", "Physics", "Chemistry", "Mathematics", "Robotics",
	"Artificial Intelligence", "Electric Cars", "Solar Power", "Wind Power",
	"Recycling", "Pollution", "Air Quality", "Heritage", "Festivals",
	"Holidays", "Cooking", "Wine", "Coffee", "Bakeries", "Restaurants",
	"Cafés", "Fêtes", "Sailing", "Skiing", "Swimming", "Basketball",
	"Volleyball", "Handball", "Ice Hockey", "Motorsport", "Olympics",
	"Bridges", "Tunnels", "Trams", "Buses", "Bicycles", "Libraries",
	"Charity", "Volunteering", "Consumer", "Jobs", "Inflation", "Science Fiction",
	// Places of our own invention, a few with accents, and two in CJK.
	"Velmarsk", "Ostrovin", "Brenholt", "Castelnova", "Tarnówek", "Łąkowo",
	"Mirandés", "São Vireo", "Grünfeld", "Åsmark", "Ørsund", "Peñalta",
	"Çamlıdere", "Škofjevas", "Düneburg", "Holmgård", "Zélande Nord",
	"Kőszeghegy", "Brześnica", "Vålberg", "Montcalvi", "Lisaro", "Drevnik",
	"Norrhaven", "Sankt Ilgen", "Port Amsel", "Rivabella", "Kastrup Vale",
	"東京", "上海",
}

// placeSuffixes end the generated place names.
var placeSuffixes = strings.Fields(`ville burg ton mar vik stad ow ia heim field
	port dorf berg sund grad ford haven`)

// vocabulary is the fixed word stock shared by every seed: content words
// ordered by frequency (short words first, roughly), and the tags ordered by
// popularity.
type vocabulary struct {
	content     []string // pseudo-words, most frequent first
	capContent  []string // the same, capitalized
	function    []string
	capFunction []string
	cjk         []string
	rtl         []string
	tags        []string // most used first
}

// vocabSize is how many distinct content words the text draws from.
const vocabSize = 12000

// newVocabulary builds the word stock from a fixed seed: the same for every
// run and every -seed.
func newVocabulary() *vocabulary {
	r := rand.New(rand.NewPCG(0x6e657773, 0x67656e))
	v := &vocabulary{function: functionWords, cjk: cjkWords, rtl: rtlWords}
	seen := make(map[string]bool, vocabSize+len(functionWords))
	for _, w := range functionWords {
		seen[w] = true
	}
	for len(v.content) < vocabSize {
		rank := len(v.content)
		n := 1 + r.IntN(2)
		switch {
		case rank > 3000:
			n += 1 + r.IntN(2)
		case rank > 300:
			n += r.IntN(2)
		}
		w := pseudoWord(r, n)
		if utf8.RuneCountInString(w) < 2 || seen[w] {
			continue
		}
		seen[w] = true
		v.content = append(v.content, w)
	}
	v.capContent = capitalizeAll(v.content)
	v.capFunction = capitalizeAll(v.function)
	v.tags = makeTags(r, seen)
	return v
}

// pseudoWord strings n syllables together.
func pseudoWord(r *rand.Rand, n int) string {
	var b strings.Builder
	part := func(plain, accented []string) {
		if r.IntN(100) < 3 {
			b.WriteString(accented[r.IntN(len(accented))])
		} else {
			b.WriteString(plain[r.IntN(len(plain))])
		}
	}
	for k := range n {
		if k > 0 || r.IntN(5) > 0 {
			part(onsets, accentedOnsets)
		}
		part(vowels, accentedVowels)
		if r.IntN(3) == 0 || k == n-1 && r.IntN(2) == 0 {
			if k == 0 && n == 1 { // no ß or the like to end a one-syllable word
				b.WriteString(codas[r.IntN(len(codas))])
			} else {
				part(codas, accentedCodas)
			}
		}
	}
	return b.String()
}

// makeTags returns about three hundred tags, most used first: the top tags
// in order, then the other hand-written tags and generated place names in a
// fixed random order.
func makeTags(r *rand.Rand, seen map[string]bool) []string {
	const total = 300
	keys := make(map[string]bool, total)
	rest := make([]string, 0, total)
	for _, t := range append(slices.Clone(topTags), moreTags...) {
		keys[strings.ToLower(t)] = true
	}
	rest = append(rest, moreTags...)
	for len(topTags)+len(rest) < total {
		name := capitalize(pseudoWord(r, 1+r.IntN(2))) + placeSuffixes[r.IntN(len(placeSuffixes))]
		if k := strings.ToLower(name); !keys[k] && !seen[k] {
			keys[k] = true
			rest = append(rest, name)
		}
	}
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	return append(slices.Clone(topTags), rest...)
}

// capitalize upper-cases the first letter of w.
func capitalize(w string) string {
	c, size := utf8.DecodeRuneInString(w)
	if u := unicode.ToUpper(c); u != c {
		return string(u) + w[size:]
	}
	return w
}

func capitalizeAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = capitalize(w)
	}
	return out
}
