/**
 * The questions on the public pages as the clinic first answers them (ADR 023), in every
 * language: what the locale files held before admins could edit them at /staff/site. Seeded
 * once (prisma/seed-site.ts); after that they are the admins' to keep.
 */
export interface SeededFaq {
  /** A name for tests and people; not stored. */
  key: string;
  question: string;
  answer: string;
  translations: Record<string, { question: string; answer: string }>;
}

export const FAQ: SeededFaq[] = [
  {
    key: "eligibility",
    question: "Who can be considered for treatment?",
    answer:
      "A specialist decides, never a form or a salesperson. They read your questionnaire and your records (recent blood tests, disease-activity scores, organ function and imaging where relevant) and decide whether the treatment may suit you. If it does not, we tell you why.",
    translations: {
      tr: {
        question: "Tedavi için kimler değerlendirilebilir?",
        answer:
          "Kararı bir form ya da satış temsilcisi değil, uzman hekim verir. Hekim anket yanıtlarınızı ve tıbbi kayıtlarınızı (güncel kan tahlilleri, hastalık aktivite skorları, organ fonksiyonları ve gerekiyorsa görüntülemeler) inceler ve tedavinin size uygun olup olamayacağına karar verir. Uygun değilse nedenini size açıklarız.",
      },
      ar: {
        question: "من يمكن النظر في علاجه؟",
        answer:
          "القرار لاختصاصي، لا لاستمارة ولا لموظف مبيعات. يقرأ الطبيب إجاباتك وسجلاتك الطبية (تحاليل الدم الحديثة، ومؤشرات نشاط المرض، ووظائف الأعضاء، والتصوير عند الحاجة) ويقرر ما إذا كان العلاج قد يناسبك. وإن لم يكن مناسبًا أخبرناك بالسبب.",
      },
      de: {
        question: "Wer kommt für eine Behandlung in Frage?",
        answer:
          "Das entscheidet eine Fachärztin oder ein Facharzt, nie ein Formular und nie der Vertrieb. Sie lesen Ihren Fragebogen und Ihre Unterlagen (aktuelle Blutwerte, Krankheitsaktivität, Organfunktion und, wo nötig, Bildgebung) und entscheiden, ob die Behandlung für Sie in Frage kommt. Wenn nicht, sagen wir Ihnen, warum.",
      },
      ru: {
        question: "Кому может подойти лечение?",
        answer:
          "Решение принимает врач-специалист, а не анкета и не менеджер. Он изучает ваши ответы и медицинские документы (свежие анализы крови, индексы активности болезни, функцию органов и, при необходимости, снимки) и решает, может ли вам подойти лечение. Если нет, мы объясним почему.",
      },
      fr: {
        question: "Qui peut être pris en charge ?",
        answer:
          "C’est un médecin spécialiste qui décide, jamais un formulaire ni un commercial. Il lit votre questionnaire et votre dossier (analyses de sang récentes, scores d’activité de la maladie, fonction des organes et imagerie si nécessaire) et décide si le traitement peut vous convenir. Sinon, nous vous expliquons pourquoi.",
      },
      fa: {
        question: "چه کسانی برای درمان بررسی می‌شوند؟",
        answer:
          "تصمیم را پزشک متخصص می‌گیرد، نه یک فرم یا کارشناس فروش. پزشک پاسخ‌های پرسش‌نامه و مدارک پزشکی شما (آزمایش‌های خون اخیر، شاخص‌های فعالیت بیماری، عملکرد اندام‌ها و در صورت لزوم تصویربرداری) را بررسی می‌کند و تصمیم می‌گیرد که آیا درمان ممکن است برای شما مناسب باشد. اگر مناسب نباشد، دلیلش را به شما می‌گوییم.",
      },
    },
  },
  {
    key: "contraindications",
    question: "When is the treatment not suitable?",
    answer:
      "It is not given during an uncontrolled infection or a severe active organ crisis, such as a flare that is harming the kidneys or another organ and needs urgent care. The questionnaire asks about both so that the specialist sees them first; other findings in your records may also rule it out.",
    translations: {
      tr: {
        question: "Tedavi hangi durumlarda uygun değildir?",
        answer:
          "Kontrol altına alınmamış bir enfeksiyon ya da ağır, aktif bir organ krizi sırasında (örneğin böbreklere veya başka bir organa zarar veren ve acil tedavi gerektiren bir alevlenme) uygulanmaz. Anket bu iki durumu ayrıca sorar, böylece uzman hekim bunları ilk bakışta görür; kayıtlarınızdaki başka bulgular da tedaviye engel olabilir.",
      },
      ar: {
        question: "متى لا يكون العلاج مناسبًا؟",
        answer:
          "لا يُعطى العلاج أثناء عدوى غير مسيطر عليها أو أزمة عضوية حادة ونشطة، مثل نوبة تضر بالكليتين أو بعضو آخر وتحتاج إلى رعاية عاجلة. تسأل الاستمارة عن الحالتين كي يراهما الاختصاصي أولًا، وقد تمنع نتائج أخرى في سجلاتك العلاج كذلك.",
      },
      de: {
        question: "Wann ist die Behandlung nicht geeignet?",
        answer:
          "Sie wird nicht durchgeführt bei einer nicht beherrschten Infektion oder einer schweren akuten Organkrise, etwa einem Schub, der die Nieren oder ein anderes Organ schädigt und dringend behandelt werden muss. Der Fragebogen fragt nach beidem, damit die Fachärztin es als Erstes sieht; auch andere Befunde in Ihren Unterlagen können dagegen sprechen.",
      },
      ru: {
        question: "Когда лечение не подходит?",
        answer:
          "Лечение не проводят при неконтролируемой инфекции или тяжёлом активном поражении органов — например, при обострении, которое повреждает почки или другой орган и требует срочной помощи. Анкета спрашивает об этом отдельно, чтобы специалист сразу это увидел; другие данные в ваших документах тоже могут стать противопоказанием.",
      },
      fr: {
        question: "Quand le traitement n’est-il pas indiqué ?",
        answer:
          "Il n’est pas administré en cas d’infection non maîtrisée ni de crise organique grave et active, par exemple une poussée qui atteint les reins ou un autre organe et demande des soins urgents. Le questionnaire pose la question pour que le spécialiste le voie d’emblée ; d’autres éléments de votre dossier peuvent aussi l’exclure.",
      },
      fa: {
        question: "درمان در چه مواردی مناسب نیست؟",
        answer:
          "در زمان عفونت کنترل‌نشده یا بحران شدید و فعال یک اندام، مثلاً حمله‌ای که به کلیه‌ها یا اندام دیگری آسیب می‌زند و نیاز به درمان فوری دارد، انجام نمی‌شود. پرسش‌نامه دربارهٔ هر دو می‌پرسد تا متخصص پیش از هر چیز آن‌ها را ببیند؛ یافته‌های دیگر در مدارک شما نیز ممکن است مانع درمان شوند.",
      },
    },
  },
  {
    key: "results",
    question: "What results can I expect?",
    answer:
      "Results differ from person to person and no result is guaranteed. Patients usually hope for fewer flares, a lower steroid dose and more energy. Some notice early changes within weeks; the immune system's rebalancing develops over several months, and depends on how severe the disease is, which organs are involved and how closely follow-up is kept.",
    translations: {
      tr: {
        question: "Nasıl bir sonuç bekleyebilirim?",
        answer:
          "Sonuçlar kişiden kişiye değişir ve hiçbir sonuç garanti edilmez. Hastalar genellikle daha seyrek alevlenme, daha düşük steroid dozu ve daha fazla enerji umar. Bazıları ilk değişiklikleri birkaç hafta içinde fark eder; bağışıklık sisteminin yeniden dengelenmesi ise birkaç ay içinde gelişir ve hastalığın şiddetine, tutulan organlara ve takiplere ne kadar düzenli uyulduğuna bağlıdır.",
      },
      ar: {
        question: "ما النتائج التي يمكن أن أتوقعها؟",
        answer:
          "تختلف النتائج من شخص لآخر، ولا توجد نتيجة مضمونة. يأمل المرضى عادةً في نوبات أقل، وجرعة أقل من الستيرويدات، وطاقة أكبر. يلاحظ بعضهم تغيّرات مبكرة خلال أسابيع، أما إعادة توازن جهاز المناعة فتتطور على مدى عدة أشهر، وتتوقف على شدة المرض والأعضاء المصابة ومدى الالتزام بالمتابعة.",
      },
      de: {
        question: "Welche Ergebnisse kann ich erwarten?",
        answer:
          "Die Ergebnisse sind von Mensch zu Mensch verschieden, und kein Ergebnis ist garantiert. Meist erhoffen sich Patienten weniger Schübe, weniger Kortison und mehr Energie. Manche bemerken erste Veränderungen nach einigen Wochen; die Neuausrichtung des Immunsystems entwickelt sich über mehrere Monate und hängt davon ab, wie schwer die Erkrankung ist, welche Organe betroffen sind und wie konsequent die Nachsorge wahrgenommen wird.",
      },
      ru: {
        question: "Каких результатов можно ожидать?",
        answer:
          "Результаты у всех разные, и никакой результат не гарантирован. Обычно пациенты надеются на более редкие обострения, меньшую дозу стероидов и больше сил. Некоторые замечают первые изменения через несколько недель; перестройка иммунной системы идёт несколько месяцев и зависит от тяжести болезни, поражённых органов и того, насколько регулярно соблюдается наблюдение.",
      },
      fr: {
        question: "Quels résultats puis-je attendre ?",
        answer:
          "Les résultats varient d’une personne à l’autre et aucun n’est garanti. Les patients espèrent en général moins de poussées, moins de corticoïdes et plus d’énergie. Certains remarquent des changements dès les premières semaines ; le rééquilibrage du système immunitaire se fait sur plusieurs mois et dépend de la sévérité de la maladie, des organes atteints et de la régularité du suivi.",
      },
      fa: {
        question: "چه نتیجه‌ای می‌توانم انتظار داشته باشم؟",
        answer:
          "نتایج از فردی به فرد دیگر متفاوت است و هیچ نتیجه‌ای تضمین نمی‌شود. بیماران معمولاً به حملات کمتر، دوز کمتر کورتون و انرژی بیشتر امید دارند. برخی در چند هفتهٔ اول تغییراتی می‌بینند؛ بازتنظیم دستگاه ایمنی طی چند ماه رخ می‌دهد و به شدت بیماری، اندام‌های درگیر و میزان پایبندی به پیگیری‌ها بستگی دارد.",
      },
    },
  },
  {
    key: "safety",
    question: "Is it safe? What are the side effects?",
    answer:
      "In accredited clinics MSC therapy is generally well tolerated. Mild, short-lived effects such as tiredness or discomfort where the infusion goes in can occur. Before you consent, your doctor explains the risks that apply to you, and you can ask anything.",
    translations: {
      tr: {
        question: "Güvenli mi? Yan etkileri nelerdir?",
        answer:
          "Akredite kliniklerde MSC tedavisi genellikle iyi tolere edilir. Yorgunluk ya da infüzyon yapılan yerde rahatsızlık gibi hafif ve kısa süreli etkiler görülebilir. Onay vermeden önce hekiminiz size özgü riskleri açıklar; aklınıza takılan her şeyi sorabilirsiniz.",
      },
      ar: {
        question: "هل العلاج آمن؟ وما آثاره الجانبية؟",
        answer:
          "في العيادات المعتمدة يكون العلاج بالخلايا الجذعية الوسيطة محتملًا جيدًا بوجه عام. وقد تظهر آثار خفيفة وعابرة مثل التعب أو انزعاج في موضع التسريب. وقبل أن توقّع على الموافقة يشرح لك طبيبك المخاطر التي تخصّك، ولك أن تسأل عن أي شيء.",
      },
      de: {
        question: "Ist das sicher? Welche Nebenwirkungen gibt es?",
        answer:
          "In akkreditierten Kliniken wird die MSC-Therapie in der Regel gut vertragen. Leichte, vorübergehende Beschwerden wie Müdigkeit oder Missempfindungen an der Infusionsstelle sind möglich. Bevor Sie einwilligen, erklärt Ihnen Ihre Ärztin die Risiken, die für Sie gelten, und Sie können alles fragen.",
      },
      ru: {
        question: "Это безопасно? Какие бывают побочные эффекты?",
        answer:
          "В аккредитованных клиниках терапия МСК обычно хорошо переносится. Возможны лёгкие кратковременные реакции — усталость или дискомфорт в месте инфузии. Перед тем как вы дадите согласие, врач объяснит риски именно в вашем случае, и вы сможете задать любые вопросы.",
      },
      fr: {
        question: "Est-ce sûr ? Quels sont les effets secondaires ?",
        answer:
          "Dans les cliniques accréditées, la thérapie par CSM est en général bien tolérée. De légers effets passagers, comme de la fatigue ou une gêne au point de perfusion, peuvent survenir. Avant votre consentement, votre médecin vous explique les risques qui vous concernent, et vous pouvez poser toutes vos questions.",
      },
      fa: {
        question: "آیا ایمن است؟ عوارض جانبی آن چیست؟",
        answer:
          "در کلینیک‌های معتبر، درمان با سلول‌های بنیادی مزانشیمی معمولاً به‌خوبی تحمل می‌شود. عوارض خفیف و گذرا مانند خستگی یا ناراحتی در محل تزریق ممکن است رخ دهد. پیش از آنکه رضایت دهید، پزشک خطرهایی را که در مورد شما وجود دارد توضیح می‌دهد و می‌توانید هر پرسشی را مطرح کنید.",
      },
    },
  },
  {
    key: "medicines",
    question: "Should I stop my current medicines?",
    answer:
      "No. Do not stop or change any medicine on your own. This treatment is planned alongside your usual care; any change to your medicines is decided with your own doctor and our specialist together.",
    translations: {
      tr: {
        question: "Kullandığım ilaçları bırakmalı mıyım?",
        answer:
          "Hayır. Hiçbir ilacı kendi başınıza bırakmayın ya da değiştirmeyin. Bu tedavi mevcut tedavinizle birlikte planlanır; ilaçlarınızdaki her değişikliğe kendi hekiminiz ve uzmanımız birlikte karar verir.",
      },
      ar: {
        question: "هل يجب أن أتوقف عن أدويتي الحالية؟",
        answer:
          "لا. لا توقف أي دواء ولا تغيّره من تلقاء نفسك. يُخطَّط هذا العلاج إلى جانب رعايتك المعتادة، وأي تغيير في أدويتك يقرره طبيبك المعالج واختصاصيّنا معًا.",
      },
      de: {
        question: "Soll ich meine bisherigen Medikamente absetzen?",
        answer:
          "Nein. Setzen Sie kein Medikament eigenmächtig ab und ändern Sie nichts. Die Behandlung wird zusätzlich zu Ihrer bisherigen Versorgung geplant; jede Änderung Ihrer Medikamente entscheiden Ihre behandelnde Ärztin und unser Facharzt gemeinsam.",
      },
      ru: {
        question: "Нужно ли прекращать приём моих лекарств?",
        answer:
          "Нет. Не отменяйте и не меняйте лекарства самостоятельно. Это лечение планируется вместе с вашей обычной терапией; любые изменения в приёме лекарств решают ваш лечащий врач и наш специалист совместно.",
      },
      fr: {
        question: "Dois-je arrêter mes médicaments actuels ?",
        answer:
          "Non. N’arrêtez ni ne modifiez aucun médicament de vous-même. Ce traitement s’ajoute à votre prise en charge habituelle ; tout changement de médicament est décidé ensemble par votre médecin traitant et notre spécialiste.",
      },
      fa: {
        question: "آیا باید داروهای فعلی‌ام را قطع کنم؟",
        answer:
          "خیر. هیچ دارویی را خودسرانه قطع یا تغییر ندهید. این درمان در کنار مراقبت‌های معمول شما برنامه‌ریزی می‌شود و هر تغییری در داروها را پزشک معالج شما و متخصص ما با هم تعیین می‌کنند.",
      },
    },
  },
  {
    key: "aftercare",
    question: "What happens after I go home?",
    answer:
      "Follow-up continues for months, from home: short questionnaires and lab results such as anti-dsDNA, complement C3/C4, blood count, urine protein and ESR/CRP, along with vitamin D, sleep, a graded activity plan and flare prevention. Your care team reviews each one and contacts you if something needs attention.",
    translations: {
      tr: {
        question: "Eve döndükten sonra ne olacak?",
        answer:
          "Takip, evinizden aylarca sürer: kısa anketler ve anti-dsDNA, kompleman C3/C4, kan sayımı, idrarda protein ve sedimantasyon/CRP gibi tahlil sonuçları; bunların yanında D vitamini, uyku, kademeli aktivite planı ve alevlenmeyi önleme. Tedavi ekibiniz her birini inceler ve dikkat gerektiren bir durum olursa sizinle iletişime geçer.",
      },
      ar: {
        question: "ماذا يحدث بعد عودتي إلى بلدي؟",
        answer:
          "تستمر المتابعة لأشهر وأنت في بيتك: استبيانات قصيرة ونتائج تحاليل مثل anti-dsDNA والمتمّمَين C3 وC4 وتعداد الدم وبروتين البول وسرعة الترسيب والبروتين التفاعلي (CRP)، إلى جانب فيتامين د والنوم وخطة نشاط متدرجة والوقاية من النوبات. يراجع فريق الرعاية كل نتيجة ويتواصل معك إن احتاج أمر ما إلى اهتمام.",
      },
      de: {
        question: "Wie geht es weiter, wenn ich wieder zu Hause bin?",
        answer:
          "Die Nachsorge läuft über Monate von zu Hause aus: kurze Fragebögen und Laborwerte wie Anti-dsDNA, Komplement C3/C4, Blutbild, Eiweiß im Urin und BSG/CRP, dazu Vitamin D, Schlaf, ein stufenweiser Aktivitätsplan und Schubvorbeugung. Ihr Behandlungsteam sieht sich alles an und meldet sich, wenn etwas Aufmerksamkeit braucht.",
      },
      ru: {
        question: "Что происходит после возвращения домой?",
        answer:
          "Наблюдение продолжается несколько месяцев, дистанционно: короткие анкеты и анализы — анти-дсДНК, комплемент C3 и C4, общий анализ крови, белок в моче, СОЭ и СРБ, а также витамин D, сон, план постепенного увеличения нагрузки и профилактика обострений. Ваша команда изучает каждый результат и свяжется с вами, если что-то потребует внимания.",
      },
      fr: {
        question: "Que se passe-t-il après mon retour ?",
        answer:
          "Le suivi se poursuit pendant des mois, depuis chez vous : de courts questionnaires et des résultats d’analyses comme les anti-ADNdb, le complément C3/C4, la numération formule sanguine, la protéinurie et la VS/CRP, ainsi que la vitamine D, le sommeil, un programme d’activité progressive et la prévention des poussées. Votre équipe examine chaque résultat et vous contacte si quelque chose demande attention.",
      },
      fa: {
        question: "پس از بازگشت به خانه چه می‌شود؟",
        answer:
          "پیگیری ماه‌ها از خانهٔ شما ادامه دارد: پرسش‌نامه‌های کوتاه و نتایج آزمایش‌هایی مانند anti-dsDNA، کمپلمان C3/C4، شمارش سلول‌های خون، پروتئین ادرار و ESR/CRP، همراه با ویتامین D، خواب، برنامهٔ فعالیت تدریجی و پیشگیری از حمله. تیم درمانی هر نتیجه را بررسی می‌کند و اگر موردی نیاز به توجه داشته باشد با شما تماس می‌گیرد.",
      },
    },
  },
  {
    key: "price",
    question: "Why is the price a range?",
    answer:
      "The range is calculated from our current price list: the lower figure is the standard programme, the higher one adds the optional items such as a companion. Your own quote comes after the medical review, itemised and in your currency, with what is and is not included. Nothing is payable before you accept it.",
    translations: {
      tr: {
        question: "Ücret neden bir aralık olarak veriliyor?",
        answer:
          "Aralık güncel fiyat listemizden hesaplanır: düşük rakam standart programı, yüksek rakam refakatçi gibi isteğe bağlı kalemleri de kapsar. Size özel teklif tıbbi değerlendirmeden sonra, kalem kalem ve kendi para biriminizde gelir; neyin dahil olup neyin olmadığı açıkça yazar. Teklifi kabul etmeden hiçbir ödeme yapmazsınız.",
      },
      ar: {
        question: "لماذا يُعرض السعر بوصفه نطاقًا؟",
        answer:
          "يُحسب النطاق من قائمة أسعارنا الحالية: الرقم الأدنى للبرنامج الأساسي، والأعلى يضيف البنود الاختيارية مثل المرافق. يصلك عرض السعر بعد التقييم الطبي، مفصّلًا بندًا بندًا وبعملتك، مع ما يشمله وما لا يشمله. ولا يُطلب منك أي دفع قبل أن توافق عليه.",
      },
      de: {
        question: "Warum ist der Preis eine Spanne?",
        answer:
          "Die Spanne wird aus unserer aktuellen Preisliste berechnet: Der niedrigere Betrag gilt für das Standardprogramm, der höhere enthält optionale Leistungen wie eine Begleitperson. Ihr persönliches Angebot erhalten Sie nach der ärztlichen Prüfung, mit allen Einzelposten, in Ihrer Währung und mit dem, was enthalten ist und was nicht. Zahlen müssen Sie erst, wenn Sie es angenommen haben.",
      },
      ru: {
        question: "Почему цена указана диапазоном?",
        answer:
          "Диапазон рассчитан по нашему действующему прейскуранту: меньшая сумма — стандартная программа, большая — с дополнительными услугами, например сопровождающим. Вашу смету вы получите после медицинской оценки — по позициям, в вашей валюте, с указанием, что включено, а что нет. До того как вы её примете, платить ничего не нужно.",
      },
      fr: {
        question: "Pourquoi le prix est-il une fourchette ?",
        answer:
          "La fourchette est calculée à partir de notre grille tarifaire actuelle : le montant le plus bas correspond au programme standard, le plus élevé ajoute les options, comme un accompagnant. Votre devis personnel arrive après l’examen médical, détaillé poste par poste, dans votre devise, avec ce qui est inclus ou non. Rien n’est à payer avant que vous l’ayez accepté.",
      },
      fa: {
        question: "چرا قیمت به‌صورت بازه اعلام شده است؟",
        answer:
          "این بازه از فهرست قیمت فعلی ما محاسبه می‌شود: رقم پایین‌تر برای برنامهٔ استاندارد است و رقم بالاتر موارد اختیاری مانند همراه را هم در بر می‌گیرد. پیش‌فاکتور شخصی شما پس از بررسی پزشکی، با ریز اقلام و به ارز خودتان، همراه با موارد شامل و غیرشامل صادر می‌شود. تا آن را نپذیرید هیچ مبلغی پرداخت نمی‌کنید.",
      },
    },
  },
  {
    key: "records",
    question: "What should I send, and who sees it?",
    answer:
      "The enquiry asks for recent records: lab results, specialists' letters and imaging reports, as PDF files or photos. They are stored encrypted and only your care team can open them.",
    translations: {
      tr: {
        question: "Neleri göndermeliyim, kimler görür?",
        answer:
          "Başvuru formu güncel kayıtlarınızı ister: tahlil sonuçları, uzman hekim raporları ve görüntüleme raporları; PDF ya da fotoğraf olarak. Şifreli olarak saklanır ve yalnızca tedavi ekibiniz açabilir.",
      },
      ar: {
        question: "ماذا أرسل، ومن يطّلع عليه؟",
        answer:
          "تطلب استمارة الاستفسار سجلاتك الحديثة: نتائج التحاليل، وتقارير الأطباء الاختصاصيين، وتقارير التصوير، بصيغة PDF أو صور. تُحفظ مشفّرة ولا يفتحها إلا فريق رعايتك.",
      },
      de: {
        question: "Was soll ich schicken, und wer sieht es?",
        answer:
          "Die Anfrage bittet um aktuelle Unterlagen: Laborbefunde, Arztbriefe und Befunde der Bildgebung, als PDF oder Foto. Sie werden verschlüsselt gespeichert, und nur Ihr Behandlungsteam kann sie öffnen.",
      },
      ru: {
        question: "Что нужно прислать и кто это увидит?",
        answer:
          "В заявке мы просим свежие документы: результаты анализов, заключения специалистов и описания исследований — в PDF или на фото. Они хранятся в зашифрованном виде, и открыть их может только ваша медицинская команда.",
      },
      fr: {
        question: "Que dois-je envoyer, et qui le voit ?",
        answer:
          "La demande vous invite à joindre vos documents récents : résultats d’analyses, courriers de spécialistes et comptes rendus d’imagerie, en PDF ou en photo. Ils sont conservés chiffrés et seule votre équipe soignante peut les ouvrir.",
      },
      fa: {
        question: "چه مدارکی بفرستم و چه کسی آن‌ها را می‌بیند؟",
        answer:
          "در فرم درخواست، مدارک اخیر شما خواسته می‌شود: نتایج آزمایش، نامه‌های پزشکان متخصص و گزارش‌های تصویربرداری، به‌صورت PDF یا عکس. این مدارک رمزگذاری‌شده نگهداری می‌شوند و فقط تیم درمانی شما می‌تواند آن‌ها را باز کند.",
      },
    },
  },
];
