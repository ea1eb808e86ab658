package page

import (
	"regexp"
	"strings"
)

// The words of page furniture, in the languages newsline meets most:
// English, German, French, Spanish, Portuguese, Italian, Dutch, Polish,
// Russian, Japanese, Chinese and Arabic. Each list is a regular
// expression's alternatives, matched case-insensitively at the start of a
// short block; end is where a word ends (Go's \b knows only ASCII
// letters, and "publié" or "関連記事" end in others).
const end = `(?:$|[^\p{L}\p{N}])`

// oneOf joins alternatives into one group.
func oneOf(alts ...string) string {
	return "(?:" + strings.Join(alts, "|") + ")"
}

// stampWords name a publication stamp: "Updated", "Veröffentlicht am",
// "更新日".
var stampWords = oneOf(
	`published|updated|posted|last updated|modified`,
	`veröffentlicht|aktualisiert|zuletzt aktualisiert|erstellt`,
	`publié|publié le|mis à jour|modifié`,
	`publicado|actualizado|atualizado|modificado`,
	`pubblicato|aggiornato|modificato`,
	`gepubliceerd|bijgewerkt|laatst bijgewerkt`,
	`opublikowano|zaktualizowano|aktualizacja|publikacja`,
	`опубликовано|обновлено|дата публикации`,
	`更新日|公開日|投稿日|更新|公開|発行`,
	`发布时间|发布于|更新时间|更新于|發佈時間|發布時間|發表於`,
	`نشر في|نُشر في|تاريخ النشر|آخر تحديث|تم التحديث|نشر|تحديث`,
)

// stampText matches a publication stamp: "PUBLISHED: 00:01, Tue …",
// "Updated 3 hours ago", "Mis à jour le 3 mars 2026", "更新日：2026年3月3日".
var stampText = regexp.MustCompile(`(?i)^([^\n]{0,30}` + end + `)?` + stampWords + end + `\s*(:|：|on|at|am|le|el|em|il|op|dnia)?\s*.{0,80}\d`)

// promoWords name a promotion or a pointer elsewhere: "Read more",
// "Lesen Sie auch", "Leia também", "関連記事".
var promoWords = words(
	"watch", "video", "read more", "read also", "also read", "more", "related", "see also", "see more", "don't miss", "must read", "sign up", "subscribe", "listen",
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren", "siehe auch",
	"lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "voir aussi", "à voir aussi", "sur le même sujet",
	"lee también", "lea también", "leer más", "ver también", "te puede interesar", "relacionado", "relacionada", "más información",
	"leia também", "leia mais", "veja também", "saiba mais", "você pode gostar", "relacionadas",
	"leggi anche", "leggi di più", "vedi anche", "potrebbe interessarti", "ti potrebbe interessare", "correlati",
	"lees ook", "lees meer", "bekijk ook", "zie ook", "gerelateerd",
	"czytaj też", "czytaj także", "czytaj więcej", "zobacz też", "zobacz także", "przeczytaj też", "przeczytaj także", "polecamy",
	"читайте также", "читайте по теме", "по теме", "смотрите также",
	"関連記事", "関連ニュース", "あわせて読みたい", "こちらもおすすめ", "続きを読む", "もっと読む",
	"相关阅读", "相关文章", "相关新闻", "延伸阅读", "推荐阅读", "阅读更多", "相關閱讀", "相關文章", "延伸閱讀", "推薦閱讀",
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار ذات صلة",
)

// adWords label an advertisement: "Advertisement", "Anzeige", "広告".
var adWords = words(
	"ad", "ads", "advert", "advertisement", "advertising", "sponsored", "sponsored content",
	"anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità", "advertentie", "reklama", "реклама",
	"広告", "スポンサーリンク", "广告", "廣告", "إعلان",
)

// controlWords are the labels of a page's controls and sections:
// "Caption", "Close", "Share this".
var controlWords = words(
	"skip to content", "skip to main content", "caption", "close", "share", "share this", "tweet", "email", "print",
	"comment", "comments", "sign in", "log in", "related stories", "more stories", "latest news", "breaking news",
)

// words is a set of lower-case words or phrases.
func words(ws ...string) map[string]bool {
	set := make(map[string]bool, len(ws))
	for _, w := range ws {
		set[w] = true
	}
	return set
}

// label is text's start up to a colon or a bar ("READ MORE: …" gives
// "read more"), lower-cased, and whether it has one.
func label(text string) (string, bool) {
	i := strings.IndexAny(text, ":|：")
	if i < 0 || i > 60 {
		return "", false
	}
	return strings.ToLower(strings.TrimSpace(text[:i])), true
}

// isPromo reports whether text is a video blurb or a promotion: "Watch:
// …", "READ MORE: …", "Lire aussi : …", "関連記事：…".
func isPromo(text string) bool {
	l, ok := label(text)
	return ok && promoWords[l]
}

// uiText matches the labels that are patterns, not words: "Image 1 of
// 9", "3 of 12", "More Valley News", a cookie notice.
var uiText = regexp.MustCompile(`(?i)^(this (web)?site uses cookies.*|more .{1,30} news|image \d+ (of|/) ?\d*|\d+ ?of ?\d+|\d+)$`)

// isLabel reports whether a block is only a control's label or a
// promotion's heading: "Caption", "Advertisement", "Lesen Sie auch",
// "Image 1 of 9".
func isLabel(text string) bool {
	w := strings.ToLower(strings.TrimRight(text, " :.…!"))
	return controlWords[w] || adWords[w] || promoWords[w] || uiText.MatchString(text)
}

// creditWords start a caption's credit: "Photo:", "Foto:", "Crédit photo :",
// "写真：".
var creditWords = words(
	"photo", "photos", "photograph", "picture", "image", "images", "credit", "credits", "source", "illustration",
	"photo credit", "image credit", "picture credit",
	"foto", "fotos", "bild", "bilder", "quelle", "fotografie",
	"crédit", "crédits", "crédit photo",
	"fotografía", "imagen", "fuente", "crédito", "créditos", "fonte", "imagem",
	"immagine",
	"afbeelding", "beeld", "bron",
	"zdjęcie", "źródło",
	"фото", "источник",
	"写真", "画像", "出典", "图片", "圖片", "照片", "摄影", "攝影", "来源", "來源", "图", "圖",
	"صورة", "الصورة", "المصدر",
)

// creditEnd matches a closing credit: "(AP Photo/…)", "(Image: …)",
// "（写真：…）".
var creditEnd = regexp.MustCompile(`(?i)^[(（]((ap|reuters|afp|getty|dpa|efe|ansa) )?(photo|image|picture|foto|credit|写真|图片)s?` + end + `[^)）]*[)）]$`)

// isCreditStart reports whether text starts as a caption's credit:
// "Photo: …", "Credit: …", "Fot. …" (Polish, without a colon).
func isCreditStart(text string) bool {
	if l, ok := label(text); ok && creditWords[l] {
		return true
	}
	return len(text) > 5 && strings.EqualFold(text[:5], "fot. ")
}

// tailWords name what follows an article, strongly enough that a heading
// of them ends it wherever it stands: "You may also like", "Das könnte
// Sie auch interessieren", "関連記事". Pointers that stand inside an
// article ("Read also", "Leggi anche", "Lees ook") are promoWords instead.
var tailWords = oneOf(
	`you may also like|you might also like|you may like|related (stories|articles|posts|content|coverage|news)|more stories|more .{1,30} stories|recommended for you|read next|what to read next|want more stories like this`,
	`das könnte sie auch interessieren|weitere artikel|ähnliche artikel`,
	`vous aimerez aussi|vous aimerez aussi|articles similaires|dans la même rubrique`,
	`también te puede interesar|noticias relacionadas|artículos relacionados`,
	`você pode gostar|você também pode gostar|notícias relacionadas|artigos relacionados`,
	`potrebbe interessarti|ti potrebbe interessare|articoli correlati`,
	`misschien ook interessant|gerelateerde artikelen`,
	`podobne artykuły|zobacz również`,
	`похожие статьи|похожие новости`,
	`関連記事|こちらもおすすめ|おすすめ記事`,
	`相关文章|推荐阅读|相關文章|推薦閱讀`,
	`مقالات ذات صلة|أخبار ذات صلة`,
)

// weakTailWords name what usually follows an article but may also head
// a part of one ("Comments" in a guide to writing code): a heading of
// them ends the article only when little or mostly links follow it.
var weakTailWords = `related|more from|most (popular|read|viewed)|recommended|trending( now)?|comments|leave a (comment|reply)|share this( article| story)?|kommentare|commentaires|comentarios|comentários|commenti|reacties|komentarze|комментарии|コメント|评论|評論|التعليقات`

// tailHeading matches the heading of what follows an article, strong or
// weak; strongTail only the strong.
var (
	tailHeading = regexp.MustCompile(`(?i)^(` + tailWords + `|` + weakTailWords + `)` + end)
	strongTail  = regexp.MustCompile(`(?i)^` + tailWords + end)
)
