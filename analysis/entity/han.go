package entity

import (
	"strings"
	"unicode/utf8"
)

// This file finds foreign people's names in Chinese text, which has no
// capitals and no spaces: the characters Chinese uses to transliterate
// foreign names (translitHan) read around a middle dot (安东尼·布林肯,
// 本尼·甘茨) or after a title word (国务卿布林肯, 总统拜登), and the later
// mentions of such a name's last part (布林肯). Their cross-script key
// (translit) reads the characters in pinyin: 布林肯 = Blinken = "blnkn".
// Chinese people's own names (family name + given name) are not found.

// translitHan are the characters of the standard transliteration of
// foreign names into Chinese (the Xinhua tables' most used syllables).
// Characters that are more often words of their own next to a name
// (在 将 对 会 说 周 美) are left out, so that a name's run ends there.
var translitHan = func() map[rune]bool {
	const chars = "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登邓迪蒂丁东杜多厄恩尔法凡范菲斐费芬丰冯弗伏福富" +
		"盖甘冈戈哥格根古瓜圭哈海汉豪赫亨洪胡华怀惠霍基吉加佳贾简杰捷金津卡凯坎康考柯科克肯孔库奎拉莱兰朗劳勒雷蕾黎里理丽利莉列林琳玲" +
		"卢鲁路露伦罗洛吕马玛迈麦曼茂梅门蒙孟米密敏明摩莫默姆穆纳娜乃奈南内妮尼宁纽努诺欧帕派潘庞培佩彭皮珀普奇齐琪恰乔切钦琴丘萨塞赛" +
		"桑瑟森沙莎珊尚绍舍什施史斯舒司松苏索塔泰坦汤唐陶特藤提廷图托瓦万旺威韦维魏温文沃乌伍武西希锡席夏谢辛欣休雅亚扬耶叶伊依因尤约" +
		"泽扎詹朱兹茨祖佐哲罕汀"
	m := make(map[rune]bool, len(chars)/3)
	for _, r := range chars {
		m[r] = true
	}
	return m
}()

// hanTitles end the title words after which a transliterated name
// follows (国防部长甘茨, 国家安全顾问沙利文).
var hanTitles = []string{"总统", "国务卿", "部长", "外长", "防长", "总理", "首相", "主席", "议长", "大使", "秘书长",
	"发言人", "顾问", "助理", "参议员", "众议员", "州长", "市长", "将军", "国王", "王储", "领导人", "总书记", "司令",
	"先生", "女士", "议员", "总监", "局长", "主任", "教授"}

// nameDots are the dots written between the parts of a transliterated name.
const nameDots = "·・•‧"

// hanNames adds the name mentions of Chinese text (see the file comment).
// Cost: one pass over the text, plus one substring search per name found.
func (x *extractor) hanNames() {
	text := x.text
	type span struct{ s, e int }
	var taken []span
	for _, m := range x.ms {
		taken = append(taken, span{m.pos, m.pos + len(m.surface)})
	}
	free := func(s, e int) bool {
		for _, t := range taken {
			if s < t.e && t.s < e {
				return false
			}
		}
		return true
	}
	var lasts []string
	add := func(s, e, words int, last string) {
		if !free(s, e) {
			return
		}
		taken = append(taken, span{s, e})
		surf := text[s:e]
		x.ms = append(x.ms, mention{surface: surf, key: NameKey(surf), words: words, kind: Person, place: -1, pos: s})
		if utf8.RuneCountInString(last) >= 2 {
			lasts = append(lasts, last)
		}
	}
	// Dotted names: a run of transliteration characters on each side of
	// one or more dots (at most 4 before, 5 after each).
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(nameDots, r) {
			i += n
			continue
		}
		s := backRun(text, i, 4)
		if s == i {
			i += n
			continue
		}
		e, words, lastStart := i, 1, i
		for e < len(text) {
			d, dn := utf8.DecodeRuneInString(text[e:])
			if !strings.ContainsRune(nameDots, d) {
				break
			}
			f := forwardRun(text, e+dn, 5)
			if f == e+dn {
				break
			}
			lastStart, e, words = e+dn, f, words+1
		}
		if words >= 2 {
			add(s, e, words, text[lastStart:e])
		}
		i = max(e, i+n)
	}
	// Titled names: 国务卿布林肯.
	for _, ti := range hanTitles {
		for off := 0; ; {
			k := strings.Index(text[off:], ti)
			if k < 0 {
				break
			}
			s := off + k + len(ti)
			e := forwardRun(text, s, 5)
			if n := utf8.RuneCountInString(text[s:e]); n >= 2 {
				if d, _ := utf8.DecodeRuneInString(text[e:]); !strings.ContainsRune(nameDots, d) {
					add(s, e, 1, text[s:e])
				}
			}
			off = s
		}
	}
	// Later mentions of a name's last part.
	for _, l := range lasts {
		for off := 0; ; {
			k := strings.Index(text[off:], l)
			if k < 0 {
				break
			}
			s := off + k
			add(s, s+len(l), 1, "")
			off = s + len(l)
		}
	}
}

// backRun returns the start of the run of at most max transliteration
// characters that ends at byte i of text.
func backRun(text string, i, max int) int {
	for n := 0; n < max && i > 0; n++ {
		r, k := utf8.DecodeLastRuneInString(text[:i])
		if !translitHan[r] {
			break
		}
		i -= k
	}
	return i
}

// forwardRun returns the end of the run of at most max transliteration
// characters that starts at byte i of text.
func forwardRun(text string, i, max int) int {
	for n := 0; n < max && i < len(text); n++ {
		r, k := utf8.DecodeRuneInString(text[i:])
		if !translitHan[r] {
			break
		}
		i += k
	}
	return i
}
