/**
 * The demo programmes' procedure consent texts (issue 25), in all seven languages: what is
 * done, what it can and cannot do, the risks, the alternatives, the costs and the patient's
 * rights. The lupus text follows the clinic's brief (brief/lupus-msc-therapy-turkey.txt) but
 * says plainly what a consent must: the therapy is still being studied, results vary, it is
 * not a cure, and standard care remains available. Published as version 1 by the seed.
 */
import type { ConsentContentT } from "~/lib/consent-text";

export const CONSENT_TEXTS: Record<string, ConsentContentT> = {
  "lupus-msc": {
    en: {
      title: "Informed consent: mesenchymal stem cell (MSC) therapy for lupus (SLE)",
      sections: [
        {
          heading: "What the treatment is",
          body: "Before any treatment, a clinician assesses you: a disease-activity index (SLEDAI-2K), blood and urine tests of your organ function, and imaging where needed. If you are suitable, mesenchymal stem cells (MSCs) are obtained from your own bone marrow or fat tissue, or from donated umbilical cord tissue, and are grown and tested in a GMP-certified laboratory.\n\nThe cells are given as intravenous infusions over a few days, together with nutrition advice, physiotherapy and a flare-prevention plan. You will be told before the cells are sourced which source is planned for you and why.",
        },
        {
          heading: "What it can and cannot do",
          body: "MSC therapy for lupus is still being studied. Small studies have reported fewer flares and lower steroid doses in some patients, but results vary, benefits may take months to appear or may not appear at all, and it is not a cure.\n\nDo not stop or change your usual lupus medicines unless your own rheumatologist and our clinician agree.",
        },
        {
          heading: "Risks",
          body: "Most people have no effects, or mild ones that pass: tiredness, headache, fever or chills during or after an infusion, and soreness or bruising where the needle went in. Less common are an allergic reaction to the infusion, an infection, or a blood clot.\n\nIf cells are taken from your bone marrow or fat, the site can be painful or bruised and, rarely, can bleed or become infected; the anaesthetic has its own risks. Your lupus may flare during the treatment period. The long-term risks of MSC therapy are not fully known. Long flights soon after treatment raise the risk of clots in the legs: follow the travel rules you are given.",
        },
        {
          heading: "Alternatives",
          body: "You can choose not to have this treatment. Standard care for lupus remains available from your own doctors: hydroxychloroquine, steroids, immunosuppressants such as mycophenolate or azathioprine, and biological medicines such as belimumab or anifrolumab. You may also be able to join a clinical trial in your own country. Discuss these with our clinician and your rheumatologist before you decide.",
        },
        {
          heading: "Costs",
          body: "The price is the one in the quote you accepted: it lists every item that is included and what is not. Extra tests, a longer stay or the treatment of a complication may cost more; you will be told before anything is added.\n\nHealth insurance at home often does not pay for this treatment. Complication insurance, where the programme asks for it, pays for the treatment of complications as its policy says.",
        },
        {
          heading: "Your rights",
          body: "Taking part is your choice. You can ask questions at any time, with an interpreter if you wish, and you can withdraw your consent at any time before or during treatment without giving a reason; the refund terms of your quote then apply.\n\nYour health data is used only for your care and its follow-up, as our privacy notice describes. By signing you confirm that you have read this document, that your questions were answered, and that you agree to the treatment.",
        },
      ],
    },
    tr: {
      title: "Aydınlatılmış onam: lupus (SLE) için mezenkimal kök hücre (MSC) tedavisi",
      sections: [
        {
          heading: "Tedavi nedir",
          body: "Herhangi bir tedaviden önce bir hekim sizi değerlendirir: hastalık aktivite indeksi (SLEDAI-2K), organ işlevlerinizi gösteren kan ve idrar tetkikleri ve gerekirse görüntüleme. Uygun bulunursanız, mezenkimal kök hücreler (MSC) kendi kemik iliğinizden veya yağ dokunuzdan ya da bağışlanmış göbek kordonu dokusundan elde edilir ve GMP sertifikalı bir laboratuvarda çoğaltılıp test edilir.\n\nHücreler birkaç gün içinde damar yoluyla infüzyon olarak verilir; buna beslenme önerileri, fizyoterapi ve atak önleme planı eşlik eder. Hücreler elde edilmeden önce sizin için hangi kaynağın planlandığı ve nedeni size söylenir.",
        },
        {
          heading: "Neler yapabilir, neler yapamaz",
          body: "Lupus için MSC tedavisi hâlâ araştırılmaktadır. Küçük çalışmalar bazı hastalarda daha az atak ve daha düşük steroid dozu bildirmiştir; ancak sonuçlar kişiden kişiye değişir, yararın görülmesi aylar alabilir ya da hiç görülmeyebilir ve bu bir kesin tedavi değildir.\n\nKendi romatoloğunuz ve hekimimiz onaylamadıkça olağan lupus ilaçlarınızı bırakmayın veya değiştirmeyin.",
        },
        {
          heading: "Riskler",
          body: "Çoğu kişide hiçbir etki olmaz ya da geçici, hafif etkiler görülür: yorgunluk, baş ağrısı, infüzyon sırasında veya sonrasında ateş ya da titreme, iğne yerinde ağrı veya morarma. Daha seyrek olarak infüzyona alerjik reaksiyon, enfeksiyon veya kan pıhtısı görülebilir.\n\nHücreler kemik iliğinizden veya yağ dokunuzdan alınırsa, alındığı yer ağrılı veya morarmış olabilir, nadiren kanayabilir ya da enfekte olabilir; anestezinin de kendine özgü riskleri vardır. Tedavi döneminde lupus atağı olabilir. MSC tedavisinin uzun vadeli riskleri tam olarak bilinmemektedir. Tedaviden hemen sonra yapılan uzun uçuşlar bacaklarda pıhtı riskini artırır: size verilen seyahat kurallarına uyun.",
        },
        {
          heading: "Alternatifler",
          body: "Bu tedaviyi yaptırmamayı seçebilirsiniz. Lupus için standart tedavi kendi hekimlerinizde sürmeye devam eder: hidroksiklorokin, steroidler, mikofenolat veya azatiyoprin gibi bağışıklık baskılayıcılar ve belimumab ya da anifrolumab gibi biyolojik ilaçlar. Kendi ülkenizde bir klinik araştırmaya katılmanız da mümkün olabilir. Karar vermeden önce bunları hekimimiz ve romatoloğunuzla konuşun.",
        },
        {
          heading: "Maliyetler",
          body: "Fiyat, kabul ettiğiniz teklifteki fiyattır: teklif, dahil olan ve olmayan her kalemi listeler. Ek tetkikler, daha uzun bir konaklama veya bir komplikasyonun tedavisi ek maliyet doğurabilir; herhangi bir şey eklenmeden önce size bildirilir.\n\nÜlkenizdeki sağlık sigortası bu tedaviyi çoğu zaman karşılamaz. Programın istediği durumlarda komplikasyon sigortası, komplikasyonların tedavisini poliçesinde yazdığı şekilde karşılar.",
        },
        {
          heading: "Haklarınız",
          body: "Katılım sizin kararınızdır. İstediğiniz zaman, dilerseniz bir tercüman eşliğinde soru sorabilir ve tedaviden önce veya tedavi sırasında gerekçe göstermeden onamınızı geri çekebilirsiniz; bu durumda teklifinizdeki iade koşulları uygulanır.\n\nSağlık verileriniz yalnızca bakımınız ve takibi için, gizlilik bildirimimizde anlatıldığı şekilde kullanılır. İmzalayarak bu belgeyi okuduğunuzu, sorularınızın yanıtlandığını ve tedaviyi kabul ettiğinizi onaylarsınız.",
        },
      ],
    },
    ar: {
      title: "الموافقة المستنيرة: العلاج بالخلايا الجذعية الوسيطة (MSC) للذئبة الحمراء (SLE)",
      sections: [
        {
          heading: "ما هو العلاج",
          body: "قبل أي علاج يقيّم الطبيب حالتك: مؤشر نشاط المرض (SLEDAI-2K)، وتحاليل الدم والبول لوظائف أعضائك، والتصوير عند الحاجة. إذا كنت مناسبًا للعلاج، تُؤخذ الخلايا الجذعية الوسيطة (MSC) من نخاع عظمك أو نسيجك الدهني، أو من نسيج حبل سري متبرَّع به، ثم تُكثَّر وتُفحص في مختبر حاصل على شهادة GMP.\n\nتُعطى الخلايا عبر الوريد على مدى بضعة أيام، مع نصائح غذائية وعلاج طبيعي وخطة للوقاية من النوبات. وستُبلَّغ قبل الحصول على الخلايا بالمصدر المخطط لك وسبب اختياره.",
        },
        {
          heading: "ما يمكن أن يحققه وما لا يمكن",
          body: "لا يزال العلاج بالخلايا الجذعية الوسيطة للذئبة قيد الدراسة. أفادت دراسات صغيرة بقلة النوبات وانخفاض جرعات الكورتيزون لدى بعض المرضى، لكن النتائج تتفاوت، وقد تحتاج الفائدة إلى أشهر لتظهر أو قد لا تظهر أبدًا، وهو ليس شفاءً.\n\nلا توقف أدوية الذئبة المعتادة ولا تغيّرها إلا بموافقة طبيب الروماتيزم الخاص بك وطبيبنا.",
        },
        {
          heading: "المخاطر",
          body: "لا يشعر معظم الناس بأي أعراض، أو يشعرون بأعراض خفيفة تزول: تعب، وصداع، وحمى أو قشعريرة أثناء التسريب أو بعده، وألم أو كدمة في موضع الإبرة. ومن الأقل شيوعًا تفاعل تحسسي مع التسريب، أو عدوى، أو جلطة دموية.\n\nإذا أُخذت الخلايا من نخاع العظم أو النسيج الدهني، فقد يؤلم موضع الأخذ أو تظهر فيه كدمة، ونادرًا ما ينزف أو يُصاب بعدوى؛ وللتخدير مخاطره الخاصة. قد تنشط الذئبة خلال فترة العلاج. المخاطر البعيدة المدى للعلاج بالخلايا الجذعية الوسيطة غير معروفة تمامًا. تزيد الرحلات الجوية الطويلة بعد العلاج مباشرةً خطر الجلطات في الساقين: اتبع قواعد السفر التي تُعطى لك.",
        },
        {
          heading: "البدائل",
          body: "يمكنك أن تختار عدم الخضوع لهذا العلاج. تبقى الرعاية المعيارية للذئبة متاحة لدى أطبائك: هيدروكسي كلوروكين، والكورتيزون، ومثبطات المناعة مثل الميكوفينولات أو الآزاثيوبرين، والأدوية البيولوجية مثل بيليموماب أو أنيفرولوماب. وقد تتمكن أيضًا من المشاركة في تجربة سريرية في بلدك. ناقش ذلك مع طبيبنا وطبيب الروماتيزم الخاص بك قبل أن تقرر.",
        },
        {
          heading: "التكاليف",
          body: "السعر هو السعر الوارد في عرض السعر الذي قبلته: فهو يذكر كل بند مشمول وما هو غير مشمول. قد تكلّف الفحوص الإضافية أو الإقامة الأطول أو علاج أحد المضاعفات مبلغًا إضافيًا؛ وسنخبرك قبل إضافة أي شيء.\n\nكثيرًا ما لا يغطي التأمين الصحي في بلدك هذا العلاج. أما تأمين المضاعفات، حيث يطلبه البرنامج، فيغطي علاج المضاعفات وفق ما تنص عليه وثيقته.",
        },
        {
          heading: "حقوقك",
          body: "المشاركة قرارك. يمكنك طرح الأسئلة في أي وقت، بحضور مترجم إن شئت، ويمكنك سحب موافقتك في أي وقت قبل العلاج أو أثناءه دون إبداء سبب؛ وتُطبَّق عندئذ شروط الاسترداد الواردة في عرض السعر.\n\nتُستخدم بياناتك الصحية لرعايتك ومتابعتها فقط، كما يوضح إشعار الخصوصية لدينا. بتوقيعك تؤكد أنك قرأت هذه الوثيقة، وأن أسئلتك قد أُجيب عنها، وأنك توافق على العلاج.",
        },
      ],
    },
    de: {
      title:
        "Aufklärung und Einwilligung: Therapie mit mesenchymalen Stammzellen (MSC) bei Lupus (SLE)",
      sections: [
        {
          heading: "Was die Behandlung ist",
          body: "Vor jeder Behandlung werden Sie ärztlich untersucht: ein Krankheitsaktivitätsindex (SLEDAI-2K), Blut- und Urinuntersuchungen Ihrer Organfunktionen und, wo nötig, Bildgebung. Sind Sie geeignet, werden mesenchymale Stammzellen (MSC) aus Ihrem eigenen Knochenmark oder Fettgewebe oder aus gespendetem Nabelschnurgewebe gewonnen und in einem GMP-zertifizierten Labor vermehrt und geprüft.\n\nDie Zellen werden über einige Tage als Infusionen in die Vene gegeben, begleitet von Ernährungsberatung, Physiotherapie und einem Plan zur Vorbeugung von Schüben. Vor der Zellgewinnung erfahren Sie, welche Quelle für Sie vorgesehen ist und warum.",
        },
        {
          heading: "Was sie leisten kann und was nicht",
          body: "Die MSC-Therapie bei Lupus wird noch erforscht. Kleine Studien berichten bei manchen Patienten von weniger Schüben und niedrigeren Kortisondosen, doch die Ergebnisse sind unterschiedlich, ein Nutzen kann Monate brauchen oder ganz ausbleiben, und sie ist keine Heilung.\n\nSetzen Sie Ihre gewohnten Lupus-Medikamente nicht ab und ändern Sie sie nicht, außer Ihre eigene Rheumatologin oder Ihr Rheumatologe und unsere Ärztin oder unser Arzt sind einverstanden.",
        },
        {
          heading: "Risiken",
          body: "Die meisten Menschen spüren nichts oder nur leichte, vorübergehende Beschwerden: Müdigkeit, Kopfschmerzen, Fieber oder Schüttelfrost während oder nach einer Infusion sowie Schmerzen oder Blutergüsse an der Einstichstelle. Seltener sind eine allergische Reaktion auf die Infusion, eine Infektion oder ein Blutgerinnsel.\n\nWerden Zellen aus Ihrem Knochenmark oder Fettgewebe entnommen, kann die Entnahmestelle schmerzen oder blau werden und selten bluten oder sich entzünden; die Betäubung hat eigene Risiken. Ihr Lupus kann in der Behandlungszeit aufflammen. Die Langzeitrisiken der MSC-Therapie sind nicht vollständig bekannt. Lange Flüge kurz nach der Behandlung erhöhen das Risiko für Blutgerinnsel in den Beinen: Halten Sie sich an die Reiseregeln, die Sie erhalten.",
        },
        {
          heading: "Alternativen",
          body: "Sie können sich gegen diese Behandlung entscheiden. Die Standardbehandlung des Lupus bleibt bei Ihren eigenen Ärzten möglich: Hydroxychloroquin, Kortison, Immunsuppressiva wie Mycophenolat oder Azathioprin und Biologika wie Belimumab oder Anifrolumab. Möglicherweise können Sie auch an einer klinischen Studie in Ihrem Land teilnehmen. Besprechen Sie dies vor Ihrer Entscheidung mit unserer Ärztin oder unserem Arzt und Ihrer Rheumatologin oder Ihrem Rheumatologen.",
        },
        {
          heading: "Kosten",
          body: "Es gilt der Preis aus dem Angebot, das Sie angenommen haben: Es führt jede enthaltene Leistung auf und auch, was nicht enthalten ist. Zusätzliche Untersuchungen, ein längerer Aufenthalt oder die Behandlung einer Komplikation können mehr kosten; Sie werden informiert, bevor etwas hinzukommt.\n\nDie Krankenversicherung zu Hause übernimmt diese Behandlung oft nicht. Eine Komplikationsversicherung, wo das Programm sie verlangt, zahlt die Behandlung von Komplikationen so, wie ihre Police es vorsieht.",
        },
        {
          heading: "Ihre Rechte",
          body: "Die Teilnahme ist Ihre Entscheidung. Sie können jederzeit Fragen stellen, auf Wunsch mit einer Dolmetscherin oder einem Dolmetscher, und Ihre Einwilligung jederzeit vor oder während der Behandlung ohne Angabe von Gründen widerrufen; dann gelten die Erstattungsbedingungen Ihres Angebots.\n\nIhre Gesundheitsdaten werden nur für Ihre Behandlung und deren Nachsorge verwendet, wie in unserer Datenschutzerklärung beschrieben. Mit Ihrer Unterschrift bestätigen Sie, dass Sie dieses Dokument gelesen haben, Ihre Fragen beantwortet wurden und Sie in die Behandlung einwilligen.",
        },
      ],
    },
    ru: {
      title:
        "Информированное согласие: терапия мезенхимальными стволовыми клетками (МСК) при волчанке (СКВ)",
      sections: [
        {
          heading: "Что это за лечение",
          body: "Перед любым лечением врач оценивает ваше состояние: индекс активности болезни (SLEDAI-2K), анализы крови и мочи для оценки функции органов и, при необходимости, визуализацию. Если лечение вам подходит, мезенхимальные стволовые клетки (МСК) получают из вашего костного мозга или жировой ткани либо из донорской ткани пуповины, а затем выращивают и проверяют в лаборатории, сертифицированной по GMP.\n\nКлетки вводят внутривенно капельно в течение нескольких дней, вместе с рекомендациями по питанию, физиотерапией и планом профилактики обострений. До получения клеток вам скажут, какой источник запланирован для вас и почему.",
        },
        {
          heading: "Что оно может и чего не может",
          body: "Терапия МСК при волчанке всё ещё изучается. Небольшие исследования сообщают о более редких обострениях и меньших дозах гормонов у части пациентов, но результаты различаются, польза может проявиться через месяцы или не проявиться вовсе, и это не излечение.\n\nНе отменяйте и не меняйте привычные лекарства от волчанки без согласия вашего ревматолога и нашего врача.",
        },
        {
          heading: "Риски",
          body: "У большинства людей нет никаких эффектов или они лёгкие и проходящие: усталость, головная боль, повышение температуры или озноб во время или после инфузии, болезненность или синяк в месте укола. Реже возможны аллергическая реакция на инфузию, инфекция или тромб.\n\nЕсли клетки берут из костного мозга или жировой ткани, место забора может болеть, на нём может появиться синяк, редко — кровотечение или инфекция; у анестезии свои риски. Во время лечения возможно обострение волчанки. Отдалённые риски терапии МСК известны не полностью. Длительные перелёты вскоре после лечения повышают риск тромбов в ногах: соблюдайте правила поездки, которые вам дадут.",
        },
        {
          heading: "Альтернативы",
          body: "Вы можете отказаться от этого лечения. Стандартное лечение волчанки по-прежнему доступно у ваших врачей: гидроксихлорохин, гормоны, иммуносупрессанты, например микофенолат или азатиоприн, и биологические препараты, например белимумаб или анифролумаб. Возможно, вы сможете участвовать в клиническом исследовании в своей стране. Обсудите это с нашим врачом и вашим ревматологом до принятия решения.",
        },
        {
          heading: "Стоимость",
          body: "Цена — та, что указана в принятом вами предложении: в нём перечислено всё, что включено и что не включено. Дополнительные обследования, более долгое пребывание или лечение осложнения могут стоить дороже; вам сообщат об этом до того, как что-либо будет добавлено.\n\nМедицинская страховка в вашей стране часто не оплачивает это лечение. Страховка от осложнений, если программа её требует, оплачивает лечение осложнений в соответствии с условиями полиса.",
        },
        {
          heading: "Ваши права",
          body: "Участие — ваш выбор. Вы можете задавать вопросы в любое время, при желании с переводчиком, и можете отозвать согласие в любое время до или во время лечения, не объясняя причин; тогда действуют условия возврата из вашего предложения.\n\nВаши медицинские данные используются только для вашего лечения и наблюдения, как описано в нашем уведомлении о конфиденциальности. Подписывая, вы подтверждаете, что прочитали этот документ, получили ответы на свои вопросы и согласны на лечение.",
        },
      ],
    },
    fr: {
      title:
        "Consentement éclairé : thérapie par cellules souches mésenchymateuses (CSM) du lupus (LES)",
      sections: [
        {
          heading: "En quoi consiste le traitement",
          body: "Avant tout traitement, un médecin vous évalue : un indice d’activité de la maladie (SLEDAI-2K), des analyses de sang et d’urine de la fonction de vos organes et, si nécessaire, de l’imagerie. Si vous êtes éligible, des cellules souches mésenchymateuses (CSM) sont obtenues à partir de votre moelle osseuse ou de votre tissu graisseux, ou de tissu de cordon ombilical donné, puis multipliées et contrôlées dans un laboratoire certifié BPF (GMP).\n\nLes cellules sont administrées par perfusions intraveineuses sur quelques jours, avec des conseils nutritionnels, de la kinésithérapie et un plan de prévention des poussées. Avant le prélèvement, on vous dira quelle source est prévue pour vous et pourquoi.",
        },
        {
          heading: "Ce qu’il peut et ne peut pas faire",
          body: "La thérapie par CSM du lupus est encore à l’étude. De petites études ont rapporté moins de poussées et des doses de corticoïdes plus faibles chez certains patients, mais les résultats varient, le bénéfice peut mettre des mois à apparaître ou ne jamais apparaître, et ce n’est pas une guérison.\n\nN’arrêtez pas et ne modifiez pas vos médicaments habituels contre le lupus sans l’accord de votre rhumatologue et de notre médecin.",
        },
        {
          heading: "Risques",
          body: "La plupart des personnes n’ont aucun effet, ou des effets légers et passagers : fatigue, maux de tête, fièvre ou frissons pendant ou après une perfusion, douleur ou bleu au point de piqûre. Plus rarement : une réaction allergique à la perfusion, une infection ou un caillot sanguin.\n\nSi les cellules sont prélevées dans votre moelle osseuse ou votre graisse, le site peut être douloureux ou marqué d’un bleu et, rarement, saigner ou s’infecter ; l’anesthésie comporte ses propres risques. Votre lupus peut connaître une poussée pendant la période de traitement. Les risques à long terme de la thérapie par CSM ne sont pas entièrement connus. Les longs vols peu après le traitement augmentent le risque de caillots dans les jambes : respectez les règles de voyage qui vous sont données.",
        },
        {
          heading: "Alternatives",
          body: "Vous pouvez choisir de ne pas suivre ce traitement. La prise en charge standard du lupus reste disponible auprès de vos médecins : hydroxychloroquine, corticoïdes, immunosuppresseurs comme le mycophénolate ou l’azathioprine, et biothérapies comme le bélimumab ou l’anifrolumab. Vous pourriez aussi participer à un essai clinique dans votre pays. Parlez-en avec notre médecin et votre rhumatologue avant de décider.",
        },
        {
          heading: "Coûts",
          body: "Le prix est celui du devis que vous avez accepté : il énumère chaque prestation incluse et ce qui ne l’est pas. Des examens supplémentaires, un séjour plus long ou le traitement d’une complication peuvent coûter davantage ; vous serez informé avant tout ajout.\n\nL’assurance maladie de votre pays ne prend souvent pas ce traitement en charge. L’assurance complications, lorsque le programme l’exige, couvre le traitement des complications selon les termes de sa police.",
        },
        {
          heading: "Vos droits",
          body: "Votre participation est votre choix. Vous pouvez poser des questions à tout moment, avec un interprète si vous le souhaitez, et retirer votre consentement à tout moment avant ou pendant le traitement sans donner de raison ; les conditions de remboursement de votre devis s’appliquent alors.\n\nVos données de santé ne servent qu’à vos soins et à leur suivi, comme le décrit notre avis de confidentialité. En signant, vous confirmez avoir lu ce document, avoir obtenu des réponses à vos questions et accepter le traitement.",
        },
      ],
    },
    fa: {
      title: "رضایت آگاهانه: درمان با سلول‌های بنیادی مزانشیمی (MSC) برای لوپوس (SLE)",
      sections: [
        {
          heading: "درمان چیست",
          body: "پیش از هر درمانی، پزشک شما را ارزیابی می‌کند: شاخص فعالیت بیماری (SLEDAI-2K)، آزمایش خون و ادرار برای کارکرد اندام‌ها و در صورت نیاز تصویربرداری. اگر برای درمان مناسب باشید، سلول‌های بنیادی مزانشیمی (MSC) از مغز استخوان یا بافت چربی خودتان یا از بافت بند ناف اهدایی تهیه می‌شوند و در آزمایشگاهی با گواهی GMP تکثیر و آزمایش می‌شوند.\n\nسلول‌ها طی چند روز به صورت تزریق وریدی داده می‌شوند، همراه با توصیه‌های تغذیه، فیزیوتراپی و برنامه‌ای برای پیشگیری از حمله‌های بیماری. پیش از تهیه‌ی سلول‌ها به شما گفته می‌شود کدام منبع برایتان در نظر گرفته شده و چرا.",
        },
        {
          heading: "چه کاری از آن برمی‌آید و چه کاری نه",
          body: "درمان لوپوس با سلول‌های بنیادی مزانشیمی هنوز در دست پژوهش است. پژوهش‌های کوچک در برخی بیماران حمله‌های کمتر و دوز کمتر کورتون را گزارش کرده‌اند، اما نتایج متفاوت است، سود درمان ممکن است ماه‌ها طول بکشد یا هرگز دیده نشود، و این درمان علاج قطعی نیست.\n\nداروهای همیشگی لوپوس خود را قطع یا تغییر ندهید مگر با موافقت پزشک روماتولوژیست خودتان و پزشک ما.",
        },
        {
          heading: "خطرها",
          body: "بیشتر افراد هیچ عارضه‌ای ندارند یا عوارضی خفیف و گذرا دارند: خستگی، سردرد، تب یا لرز در حین یا پس از تزریق، و درد یا کبودی در محل سوزن. کمتر شایع: واکنش حساسیتی به تزریق، عفونت یا لخته‌ی خون.\n\nاگر سلول‌ها از مغز استخوان یا بافت چربی شما گرفته شود، محل برداشت ممکن است دردناک یا کبود شود و به‌ندرت خونریزی کند یا عفونت کند؛ بیهوشی یا بی‌حسی نیز خطرهای خود را دارد. ممکن است لوپوس در دوره‌ی درمان شعله‌ور شود. خطرهای درازمدت این درمان به طور کامل شناخته نشده است. پروازهای طولانی بلافاصله پس از درمان خطر لخته در پاها را بیشتر می‌کند: قواعد سفری را که به شما داده می‌شود رعایت کنید.",
        },
        {
          heading: "جایگزین‌ها",
          body: "می‌توانید این درمان را انتخاب نکنید. درمان استاندارد لوپوس نزد پزشکان خودتان در دسترس است: هیدروکسی‌کلروکین، کورتون، داروهای سرکوب‌کننده‌ی ایمنی مانند مایکوفنولات یا آزاتیوپرین، و داروهای زیستی مانند بلیموماب یا آنیفرولوماب. شاید بتوانید در کارآزمایی بالینی در کشور خودتان نیز شرکت کنید. پیش از تصمیم، این‌ها را با پزشک ما و روماتولوژیست خود در میان بگذارید.",
        },
        {
          heading: "هزینه‌ها",
          body: "قیمت همان است که در پیش‌فاکتور پذیرفته‌شده آمده است: پیش‌فاکتور هر قلمی را که شامل می‌شود و آنچه را شامل نمی‌شود فهرست می‌کند. آزمایش‌های بیشتر، اقامت طولانی‌تر یا درمان یک عارضه ممکن است هزینه‌ی بیشتری داشته باشد؛ پیش از افزودن هر چیزی به شما گفته می‌شود.\n\nبیمه‌ی درمانی کشور شما اغلب هزینه‌ی این درمان را نمی‌پردازد. بیمه‌ی عوارض، هرجا برنامه آن را بخواهد، هزینه‌ی درمان عوارض را طبق شرایط بیمه‌نامه می‌پردازد.",
        },
        {
          heading: "حقوق شما",
          body: "شرکت در درمان انتخاب خود شماست. هر زمان می‌توانید پرسش کنید، اگر بخواهید با حضور مترجم، و می‌توانید هر زمان پیش از درمان یا در طول آن بدون ذکر دلیل رضایت خود را پس بگیرید؛ در آن صورت شرایط بازپرداخت پیش‌فاکتور شما اعمال می‌شود.\n\nداده‌های سلامت شما تنها برای مراقبت از شما و پیگیری آن به کار می‌رود، همان‌گونه که در اطلاعیه‌ی حریم خصوصی ما آمده است. با امضا تأیید می‌کنید که این سند را خوانده‌اید، به پرسش‌هایتان پاسخ داده شده و با درمان موافقید.",
        },
      ],
    },
  },
  "ra-msc": {
    en: {
      title: "Informed consent: MSC therapy for rheumatoid arthritis",
      sections: [
        {
          heading: "What the treatment is",
          body: "A rheumatology workup (DAS28 disease activity, inflammatory markers and joint imaging) decides whether you are suitable. If you are, you receive mesenchymal stem cells from donated umbilical cord tissue, grown and tested in a GMP-certified laboratory, as an intravenous infusion, followed by a physiotherapy and graded activity plan.",
        },
        {
          heading: "What it can and cannot do",
          body: "MSC therapy for rheumatoid arthritis is still being studied. Some patients report less joint pain and swelling, but results vary, may take months and may not last; it is not a cure and does not replace your disease-modifying medicines.\n\nDo not stop or change those medicines unless your own rheumatologist agrees.",
        },
        {
          heading: "Risks",
          body: "Most people have no effects, or mild ones that pass: tiredness, headache, fever or chills around the infusion, and soreness where the needle went in. Less common are an allergic reaction, an infection, or a blood clot. Your arthritis may flare. The long-term risks of donor cells are not fully known. Long flights soon after treatment raise the risk of clots in the legs: follow the travel rules you are given.",
        },
        {
          heading: "Alternatives",
          body: "You can choose not to have this treatment. Standard treatments remain available from your own doctors: methotrexate and other disease-modifying medicines, biological medicines such as TNF inhibitors, JAK inhibitors, steroids for flares, and physiotherapy. Discuss them with our clinician and your rheumatologist before you decide.",
        },
        {
          heading: "Costs",
          body: "The price is the one in the quote you accepted: it lists every item that is included and what is not. Extra tests, a longer stay or the treatment of a complication may cost more; you will be told before anything is added.\n\nHealth insurance at home often does not pay for this treatment. Complication insurance, where the programme asks for it, pays for the treatment of complications as its policy says.",
        },
        {
          heading: "Your rights",
          body: "Taking part is your choice. You can ask questions at any time, with an interpreter if you wish, and you can withdraw your consent at any time before or during treatment without giving a reason; the refund terms of your quote then apply.\n\nYour health data is used only for your care and its follow-up, as our privacy notice describes. By signing you confirm that you have read this document, that your questions were answered, and that you agree to the treatment.",
        },
      ],
    },
    tr: {
      title: "Aydınlatılmış onam: romatoid artrit için MSC tedavisi",
      sections: [
        {
          heading: "Tedavi nedir",
          body: "Uygun olup olmadığınıza bir romatoloji değerlendirmesi (DAS28 hastalık aktivitesi, inflamasyon belirteçleri ve eklem görüntülemesi) karar verir. Uygunsanız, bağışlanmış göbek kordonu dokusundan elde edilen ve GMP sertifikalı bir laboratuvarda çoğaltılıp test edilen mezenkimal kök hücreler damar yoluyla infüzyon olarak verilir; ardından fizyoterapi ve kademeli aktivite planı gelir.",
        },
        {
          heading: "Neler yapabilir, neler yapamaz",
          body: "Romatoid artrit için MSC tedavisi hâlâ araştırılmaktadır. Bazı hastalar eklem ağrısı ve şişliğinde azalma bildirir; ancak sonuçlar değişkendir, aylar alabilir ve kalıcı olmayabilir. Bu bir kesin tedavi değildir ve hastalığı düzenleyici ilaçlarınızın yerini tutmaz.\n\nKendi romatoloğunuz onaylamadıkça bu ilaçları bırakmayın veya değiştirmeyin.",
        },
        {
          heading: "Riskler",
          body: "Çoğu kişide hiçbir etki olmaz ya da geçici, hafif etkiler görülür: yorgunluk, baş ağrısı, infüzyon sırasında ateş veya titreme ve iğne yerinde ağrı. Daha seyrek olarak alerjik reaksiyon, enfeksiyon veya kan pıhtısı görülebilir. Artrit atağı olabilir. Bağışçı hücrelerin uzun vadeli riskleri tam olarak bilinmemektedir. Tedaviden hemen sonra yapılan uzun uçuşlar bacaklarda pıhtı riskini artırır: size verilen seyahat kurallarına uyun.",
        },
        {
          heading: "Alternatifler",
          body: "Bu tedaviyi yaptırmamayı seçebilirsiniz. Standart tedaviler kendi hekimlerinizde sürmeye devam eder: metotreksat ve diğer hastalığı düzenleyici ilaçlar, TNF inhibitörleri gibi biyolojik ilaçlar, JAK inhibitörleri, ataklarda steroidler ve fizyoterapi. Karar vermeden önce bunları hekimimiz ve romatoloğunuzla konuşun.",
        },
        {
          heading: "Maliyetler",
          body: "Fiyat, kabul ettiğiniz teklifteki fiyattır: teklif, dahil olan ve olmayan her kalemi listeler. Ek tetkikler, daha uzun bir konaklama veya bir komplikasyonun tedavisi ek maliyet doğurabilir; herhangi bir şey eklenmeden önce size bildirilir.\n\nÜlkenizdeki sağlık sigortası bu tedaviyi çoğu zaman karşılamaz. Programın istediği durumlarda komplikasyon sigortası, komplikasyonların tedavisini poliçesinde yazdığı şekilde karşılar.",
        },
        {
          heading: "Haklarınız",
          body: "Katılım sizin kararınızdır. İstediğiniz zaman, dilerseniz bir tercüman eşliğinde soru sorabilir ve tedaviden önce veya tedavi sırasında gerekçe göstermeden onamınızı geri çekebilirsiniz; bu durumda teklifinizdeki iade koşulları uygulanır.\n\nSağlık verileriniz yalnızca bakımınız ve takibi için, gizlilik bildirimimizde anlatıldığı şekilde kullanılır. İmzalayarak bu belgeyi okuduğunuzu, sorularınızın yanıtlandığını ve tedaviyi kabul ettiğinizi onaylarsınız.",
        },
      ],
    },
    ar: {
      title: "الموافقة المستنيرة: العلاج بالخلايا الجذعية الوسيطة لالتهاب المفاصل الروماتويدي",
      sections: [
        {
          heading: "ما هو العلاج",
          body: "يحدد تقييم روماتيزمي (نشاط المرض وفق DAS28، ومؤشرات الالتهاب، وتصوير المفاصل) ما إذا كنت مناسبًا للعلاج. إذا كنت كذلك، تتلقى خلايا جذعية وسيطة من نسيج حبل سري متبرَّع به، مكثّرة ومفحوصة في مختبر حاصل على شهادة GMP، عبر الوريد، تليها خطة للعلاج الطبيعي والنشاط المتدرج.",
        },
        {
          heading: "ما يمكن أن يحققه وما لا يمكن",
          body: "لا يزال هذا العلاج لالتهاب المفاصل الروماتويدي قيد الدراسة. يفيد بعض المرضى بتراجع ألم المفاصل وتورمها، لكن النتائج تتفاوت، وقد تستغرق أشهرًا وقد لا تدوم؛ وهو ليس شفاءً ولا يحل محل أدويتك المعدِّلة لسير المرض.\n\nلا توقف هذه الأدوية ولا تغيّرها إلا بموافقة طبيب الروماتيزم الخاص بك.",
        },
        {
          heading: "المخاطر",
          body: "لا يشعر معظم الناس بأي أعراض، أو يشعرون بأعراض خفيفة تزول: تعب، وصداع، وحمى أو قشعريرة حول وقت التسريب، وألم في موضع الإبرة. ومن الأقل شيوعًا تفاعل تحسسي، أو عدوى، أو جلطة دموية. قد ينشط التهاب المفاصل. المخاطر البعيدة المدى للخلايا المتبرَّع بها غير معروفة تمامًا. تزيد الرحلات الجوية الطويلة بعد العلاج مباشرةً خطر الجلطات في الساقين: اتبع قواعد السفر التي تُعطى لك.",
        },
        {
          heading: "البدائل",
          body: "يمكنك أن تختار عدم الخضوع لهذا العلاج. تبقى العلاجات المعيارية متاحة لدى أطبائك: الميثوتريكسات وغيره من الأدوية المعدِّلة لسير المرض، والأدوية البيولوجية مثل مثبطات TNF، ومثبطات JAK، والكورتيزون عند النوبات، والعلاج الطبيعي. ناقشها مع طبيبنا وطبيب الروماتيزم الخاص بك قبل أن تقرر.",
        },
        {
          heading: "التكاليف",
          body: "السعر هو السعر الوارد في عرض السعر الذي قبلته: فهو يذكر كل بند مشمول وما هو غير مشمول. قد تكلّف الفحوص الإضافية أو الإقامة الأطول أو علاج أحد المضاعفات مبلغًا إضافيًا؛ وسنخبرك قبل إضافة أي شيء.\n\nكثيرًا ما لا يغطي التأمين الصحي في بلدك هذا العلاج. أما تأمين المضاعفات، حيث يطلبه البرنامج، فيغطي علاج المضاعفات وفق ما تنص عليه وثيقته.",
        },
        {
          heading: "حقوقك",
          body: "المشاركة قرارك. يمكنك طرح الأسئلة في أي وقت، بحضور مترجم إن شئت، ويمكنك سحب موافقتك في أي وقت قبل العلاج أو أثناءه دون إبداء سبب؛ وتُطبَّق عندئذ شروط الاسترداد الواردة في عرض السعر.\n\nتُستخدم بياناتك الصحية لرعايتك ومتابعتها فقط، كما يوضح إشعار الخصوصية لدينا. بتوقيعك تؤكد أنك قرأت هذه الوثيقة، وأن أسئلتك قد أُجيب عنها، وأنك توافق على العلاج.",
        },
      ],
    },
    de: {
      title: "Aufklärung und Einwilligung: MSC-Therapie bei rheumatoider Arthritis",
      sections: [
        {
          heading: "Was die Behandlung ist",
          body: "Eine rheumatologische Untersuchung (Krankheitsaktivität nach DAS28, Entzündungswerte und Bildgebung der Gelenke) entscheidet, ob Sie geeignet sind. Wenn ja, erhalten Sie mesenchymale Stammzellen aus gespendetem Nabelschnurgewebe, in einem GMP-zertifizierten Labor vermehrt und geprüft, als Infusion in die Vene, gefolgt von Physiotherapie und einem Plan für schrittweise mehr Bewegung.",
        },
        {
          heading: "Was sie leisten kann und was nicht",
          body: "Die MSC-Therapie bei rheumatoider Arthritis wird noch erforscht. Manche Patienten berichten von weniger Gelenkschmerzen und Schwellungen, doch die Ergebnisse sind unterschiedlich, können Monate brauchen und halten nicht immer an; sie ist keine Heilung und ersetzt Ihre Basismedikamente nicht.\n\nSetzen Sie diese nicht ab und ändern Sie sie nicht, außer Ihre eigene Rheumatologin oder Ihr Rheumatologe ist einverstanden.",
        },
        {
          heading: "Risiken",
          body: "Die meisten Menschen spüren nichts oder nur leichte, vorübergehende Beschwerden: Müdigkeit, Kopfschmerzen, Fieber oder Schüttelfrost um die Infusion herum und Schmerzen an der Einstichstelle. Seltener sind eine allergische Reaktion, eine Infektion oder ein Blutgerinnsel. Ihre Arthritis kann aufflammen. Die Langzeitrisiken von Spenderzellen sind nicht vollständig bekannt. Lange Flüge kurz nach der Behandlung erhöhen das Risiko für Blutgerinnsel in den Beinen: Halten Sie sich an die Reiseregeln, die Sie erhalten.",
        },
        {
          heading: "Alternativen",
          body: "Sie können sich gegen diese Behandlung entscheiden. Die Standardbehandlungen bleiben bei Ihren eigenen Ärzten möglich: Methotrexat und andere Basismedikamente, Biologika wie TNF-Hemmer, JAK-Hemmer, Kortison bei Schüben und Physiotherapie. Besprechen Sie sie vor Ihrer Entscheidung mit unserer Ärztin oder unserem Arzt und Ihrer Rheumatologin oder Ihrem Rheumatologen.",
        },
        {
          heading: "Kosten",
          body: "Es gilt der Preis aus dem Angebot, das Sie angenommen haben: Es führt jede enthaltene Leistung auf und auch, was nicht enthalten ist. Zusätzliche Untersuchungen, ein längerer Aufenthalt oder die Behandlung einer Komplikation können mehr kosten; Sie werden informiert, bevor etwas hinzukommt.\n\nDie Krankenversicherung zu Hause übernimmt diese Behandlung oft nicht. Eine Komplikationsversicherung, wo das Programm sie verlangt, zahlt die Behandlung von Komplikationen so, wie ihre Police es vorsieht.",
        },
        {
          heading: "Ihre Rechte",
          body: "Die Teilnahme ist Ihre Entscheidung. Sie können jederzeit Fragen stellen, auf Wunsch mit einer Dolmetscherin oder einem Dolmetscher, und Ihre Einwilligung jederzeit vor oder während der Behandlung ohne Angabe von Gründen widerrufen; dann gelten die Erstattungsbedingungen Ihres Angebots.\n\nIhre Gesundheitsdaten werden nur für Ihre Behandlung und deren Nachsorge verwendet, wie in unserer Datenschutzerklärung beschrieben. Mit Ihrer Unterschrift bestätigen Sie, dass Sie dieses Dokument gelesen haben, Ihre Fragen beantwortet wurden und Sie in die Behandlung einwilligen.",
        },
      ],
    },
    ru: {
      title: "Информированное согласие: терапия МСК при ревматоидном артрите",
      sections: [
        {
          heading: "Что это за лечение",
          body: "Ревматологическое обследование (активность болезни по DAS28, маркеры воспаления и визуализация суставов) определяет, подходит ли вам лечение. Если да, вам внутривенно вводят мезенхимальные стволовые клетки из донорской ткани пуповины, выращенные и проверенные в лаборатории, сертифицированной по GMP; затем следует план физиотерапии и постепенного увеличения нагрузки.",
        },
        {
          heading: "Что оно может и чего не может",
          body: "Терапия МСК при ревматоидном артрите всё ещё изучается. Некоторые пациенты отмечают уменьшение боли и отёка суставов, но результаты различаются, могут потребовать месяцев и быть непродолжительными; это не излечение, и оно не заменяет базисные препараты.\n\nНе отменяйте и не меняйте их без согласия вашего ревматолога.",
        },
        {
          heading: "Риски",
          body: "У большинства людей нет никаких эффектов или они лёгкие и проходящие: усталость, головная боль, повышение температуры или озноб в период инфузии и болезненность в месте укола. Реже возможны аллергическая реакция, инфекция или тромб. Возможно обострение артрита. Отдалённые риски донорских клеток известны не полностью. Длительные перелёты вскоре после лечения повышают риск тромбов в ногах: соблюдайте правила поездки, которые вам дадут.",
        },
        {
          heading: "Альтернативы",
          body: "Вы можете отказаться от этого лечения. Стандартные методы по-прежнему доступны у ваших врачей: метотрексат и другие базисные препараты, биологические препараты, например ингибиторы ФНО, ингибиторы JAK, гормоны при обострениях и физиотерапия. Обсудите их с нашим врачом и вашим ревматологом до принятия решения.",
        },
        {
          heading: "Стоимость",
          body: "Цена — та, что указана в принятом вами предложении: в нём перечислено всё, что включено и что не включено. Дополнительные обследования, более долгое пребывание или лечение осложнения могут стоить дороже; вам сообщат об этом до того, как что-либо будет добавлено.\n\nМедицинская страховка в вашей стране часто не оплачивает это лечение. Страховка от осложнений, если программа её требует, оплачивает лечение осложнений в соответствии с условиями полиса.",
        },
        {
          heading: "Ваши права",
          body: "Участие — ваш выбор. Вы можете задавать вопросы в любое время, при желании с переводчиком, и можете отозвать согласие в любое время до или во время лечения, не объясняя причин; тогда действуют условия возврата из вашего предложения.\n\nВаши медицинские данные используются только для вашего лечения и наблюдения, как описано в нашем уведомлении о конфиденциальности. Подписывая, вы подтверждаете, что прочитали этот документ, получили ответы на свои вопросы и согласны на лечение.",
        },
      ],
    },
    fr: {
      title: "Consentement éclairé : thérapie par CSM de la polyarthrite rhumatoïde",
      sections: [
        {
          heading: "En quoi consiste le traitement",
          body: "Un bilan rhumatologique (activité de la maladie selon le DAS28, marqueurs de l’inflammation et imagerie des articulations) détermine si vous êtes éligible. Si c’est le cas, vous recevez par perfusion intraveineuse des cellules souches mésenchymateuses issues de tissu de cordon ombilical donné, multipliées et contrôlées dans un laboratoire certifié BPF (GMP), puis un programme de kinésithérapie et d’activité progressive.",
        },
        {
          heading: "Ce qu’il peut et ne peut pas faire",
          body: "La thérapie par CSM de la polyarthrite rhumatoïde est encore à l’étude. Certains patients signalent moins de douleurs et de gonflements articulaires, mais les résultats varient, peuvent prendre des mois et ne pas durer ; ce n’est pas une guérison et elle ne remplace pas vos traitements de fond.\n\nNe les arrêtez pas et ne les modifiez pas sans l’accord de votre rhumatologue.",
        },
        {
          heading: "Risques",
          body: "La plupart des personnes n’ont aucun effet, ou des effets légers et passagers : fatigue, maux de tête, fièvre ou frissons autour de la perfusion, douleur au point de piqûre. Plus rarement : une réaction allergique, une infection ou un caillot sanguin. Votre polyarthrite peut connaître une poussée. Les risques à long terme des cellules de donneur ne sont pas entièrement connus. Les longs vols peu après le traitement augmentent le risque de caillots dans les jambes : respectez les règles de voyage qui vous sont données.",
        },
        {
          heading: "Alternatives",
          body: "Vous pouvez choisir de ne pas suivre ce traitement. Les traitements standard restent disponibles auprès de vos médecins : méthotrexate et autres traitements de fond, biothérapies comme les anti-TNF, inhibiteurs de JAK, corticoïdes lors des poussées, et kinésithérapie. Parlez-en avec notre médecin et votre rhumatologue avant de décider.",
        },
        {
          heading: "Coûts",
          body: "Le prix est celui du devis que vous avez accepté : il énumère chaque prestation incluse et ce qui ne l’est pas. Des examens supplémentaires, un séjour plus long ou le traitement d’une complication peuvent coûter davantage ; vous serez informé avant tout ajout.\n\nL’assurance maladie de votre pays ne prend souvent pas ce traitement en charge. L’assurance complications, lorsque le programme l’exige, couvre le traitement des complications selon les termes de sa police.",
        },
        {
          heading: "Vos droits",
          body: "Votre participation est votre choix. Vous pouvez poser des questions à tout moment, avec un interprète si vous le souhaitez, et retirer votre consentement à tout moment avant ou pendant le traitement sans donner de raison ; les conditions de remboursement de votre devis s’appliquent alors.\n\nVos données de santé ne servent qu’à vos soins et à leur suivi, comme le décrit notre avis de confidentialité. En signant, vous confirmez avoir lu ce document, avoir obtenu des réponses à vos questions et accepter le traitement.",
        },
      ],
    },
    fa: {
      title: "رضایت آگاهانه: درمان با سلول‌های بنیادی مزانشیمی برای آرتریت روماتوئید",
      sections: [
        {
          heading: "درمان چیست",
          body: "ارزیابی روماتولوژی (فعالیت بیماری با DAS28، نشانگرهای التهاب و تصویربرداری مفاصل) تعیین می‌کند که آیا برای درمان مناسب هستید. اگر مناسب باشید، سلول‌های بنیادی مزانشیمی از بافت بند ناف اهدایی را که در آزمایشگاهی با گواهی GMP تکثیر و آزمایش شده‌اند به صورت تزریق وریدی دریافت می‌کنید و پس از آن برنامه‌ی فیزیوتراپی و فعالیت تدریجی دنبال می‌شود.",
        },
        {
          heading: "چه کاری از آن برمی‌آید و چه کاری نه",
          body: "این درمان برای آرتریت روماتوئید هنوز در دست پژوهش است. برخی بیماران درد و تورم کمتری در مفاصل گزارش می‌کنند، اما نتایج متفاوت است، ممکن است ماه‌ها طول بکشد و ماندگار نباشد؛ علاج قطعی نیست و جای داروهای تعدیل‌کننده‌ی بیماری شما را نمی‌گیرد.\n\nاین داروها را قطع یا تغییر ندهید مگر با موافقت روماتولوژیست خودتان.",
        },
        {
          heading: "خطرها",
          body: "بیشتر افراد هیچ عارضه‌ای ندارند یا عوارضی خفیف و گذرا دارند: خستگی، سردرد، تب یا لرز در زمان تزریق و درد در محل سوزن. کمتر شایع: واکنش حساسیتی، عفونت یا لخته‌ی خون. ممکن است آرتریت شعله‌ور شود. خطرهای درازمدت سلول‌های اهدایی به طور کامل شناخته نشده است. پروازهای طولانی بلافاصله پس از درمان خطر لخته در پاها را بیشتر می‌کند: قواعد سفری را که به شما داده می‌شود رعایت کنید.",
        },
        {
          heading: "جایگزین‌ها",
          body: "می‌توانید این درمان را انتخاب نکنید. درمان‌های استاندارد نزد پزشکان خودتان در دسترس است: متوترکسات و دیگر داروهای تعدیل‌کننده‌ی بیماری، داروهای زیستی مانند مهارکننده‌های TNF، مهارکننده‌های JAK، کورتون در حمله‌ها، و فیزیوتراپی. پیش از تصمیم، آن‌ها را با پزشک ما و روماتولوژیست خود در میان بگذارید.",
        },
        {
          heading: "هزینه‌ها",
          body: "قیمت همان است که در پیش‌فاکتور پذیرفته‌شده آمده است: پیش‌فاکتور هر قلمی را که شامل می‌شود و آنچه را شامل نمی‌شود فهرست می‌کند. آزمایش‌های بیشتر، اقامت طولانی‌تر یا درمان یک عارضه ممکن است هزینه‌ی بیشتری داشته باشد؛ پیش از افزودن هر چیزی به شما گفته می‌شود.\n\nبیمه‌ی درمانی کشور شما اغلب هزینه‌ی این درمان را نمی‌پردازد. بیمه‌ی عوارض، هرجا برنامه آن را بخواهد، هزینه‌ی درمان عوارض را طبق شرایط بیمه‌نامه می‌پردازد.",
        },
        {
          heading: "حقوق شما",
          body: "شرکت در درمان انتخاب خود شماست. هر زمان می‌توانید پرسش کنید، اگر بخواهید با حضور مترجم، و می‌توانید هر زمان پیش از درمان یا در طول آن بدون ذکر دلیل رضایت خود را پس بگیرید؛ در آن صورت شرایط بازپرداخت پیش‌فاکتور شما اعمال می‌شود.\n\nداده‌های سلامت شما تنها برای مراقبت از شما و پیگیری آن به کار می‌رود، همان‌گونه که در اطلاعیه‌ی حریم خصوصی ما آمده است. با امضا تأیید می‌کنید که این سند را خوانده‌اید، به پرسش‌هایتان پاسخ داده شده و با درمان موافقید.",
        },
      ],
    },
  },
  "knee-oa": {
    en: {
      title: "Informed consent: regenerative injection for knee osteoarthritis",
      sections: [
        {
          heading: "What the treatment is",
          body: "An orthopaedic surgeon examines your knee and reviews your X-ray or MRI. If your osteoarthritis is suitable (Kellgren–Lawrence grade II–III), a small amount of fat is taken from your abdomen or thigh under local anaesthetic, processed, and injected into your knee joint under image guidance in a procedure room. A rehabilitation plan with physiotherapy and home exercises follows.",
        },
        {
          heading: "What it can and cannot do",
          body: "Cell injections for knee osteoarthritis are still being studied. Some patients report less pain and better movement for months, but results vary, worn cartilage is not rebuilt, and a knee replacement may still be needed later.",
        },
        {
          heading: "Risks",
          body: "Common and short-lived: pain, swelling and stiffness of the knee for a few days, and bruising or soreness where the fat was taken. Less common: an infection of the knee joint or of the harvest site, which needs urgent treatment; bleeding; a reaction to the local anaesthetic; or a blood clot in the leg. Long flights soon after the procedure raise the risk of clots: follow the travel rules you are given.",
        },
        {
          heading: "Alternatives",
          body: "You can choose not to have this treatment. Alternatives include weight management, physiotherapy and exercise, pain-relief medicines, a knee brace, steroid or hyaluronic acid injections and, for advanced disease, knee replacement surgery. Discuss them with our clinician and your own doctor before you decide.",
        },
        {
          heading: "Costs",
          body: "The price is the one in the quote you accepted: it lists every item that is included and what is not. Extra tests, a longer stay or the treatment of a complication may cost more; you will be told before anything is added.\n\nHealth insurance at home often does not pay for this treatment. Complication insurance, where the programme asks for it, pays for the treatment of complications as its policy says.",
        },
        {
          heading: "Your rights",
          body: "Taking part is your choice. You can ask questions at any time, with an interpreter if you wish, and you can withdraw your consent at any time before or during treatment without giving a reason; the refund terms of your quote then apply.\n\nYour health data is used only for your care and its follow-up, as our privacy notice describes. By signing you confirm that you have read this document, that your questions were answered, and that you agree to the treatment.",
        },
      ],
    },
    tr: {
      title: "Aydınlatılmış onam: diz osteoartriti için rejeneratif enjeksiyon",
      sections: [
        {
          heading: "Tedavi nedir",
          body: "Bir ortopedi uzmanı dizinizi muayene eder ve röntgen ya da MR görüntülerinizi inceler. Osteoartritiniz uygunsa (Kellgren–Lawrence evre II–III), lokal anestezi altında karın veya uyluğunuzdan az miktarda yağ alınır, işlenir ve bir girişim odasında görüntüleme eşliğinde diz ekleminize enjekte edilir. Ardından fizyoterapi ve ev egzersizlerinden oluşan bir rehabilitasyon planı gelir.",
        },
        {
          heading: "Neler yapabilir, neler yapamaz",
          body: "Diz osteoartriti için hücre enjeksiyonları hâlâ araştırılmaktadır. Bazı hastalar aylarca daha az ağrı ve daha iyi hareket bildirir; ancak sonuçlar değişkendir, aşınmış kıkırdak yeniden yapılmaz ve ileride yine de diz protezi gerekebilir.",
        },
        {
          heading: "Riskler",
          body: "Sık ve kısa süreli: birkaç gün dizde ağrı, şişlik ve sertlik; yağın alındığı yerde morarma veya ağrı. Daha seyrek: acil tedavi gerektiren diz eklemi veya yağ alınan bölge enfeksiyonu, kanama, lokal anesteziye reaksiyon ya da bacakta kan pıhtısı. İşlemden hemen sonra yapılan uzun uçuşlar pıhtı riskini artırır: size verilen seyahat kurallarına uyun.",
        },
        {
          heading: "Alternatifler",
          body: "Bu tedaviyi yaptırmamayı seçebilirsiniz. Alternatifler arasında kilo kontrolü, fizyoterapi ve egzersiz, ağrı kesici ilaçlar, dizlik, steroid veya hyaluronik asit enjeksiyonları ve ileri hastalıkta diz protezi ameliyatı vardır. Karar vermeden önce bunları hekimimiz ve kendi hekiminizle konuşun.",
        },
        {
          heading: "Maliyetler",
          body: "Fiyat, kabul ettiğiniz teklifteki fiyattır: teklif, dahil olan ve olmayan her kalemi listeler. Ek tetkikler, daha uzun bir konaklama veya bir komplikasyonun tedavisi ek maliyet doğurabilir; herhangi bir şey eklenmeden önce size bildirilir.\n\nÜlkenizdeki sağlık sigortası bu tedaviyi çoğu zaman karşılamaz. Programın istediği durumlarda komplikasyon sigortası, komplikasyonların tedavisini poliçesinde yazdığı şekilde karşılar.",
        },
        {
          heading: "Haklarınız",
          body: "Katılım sizin kararınızdır. İstediğiniz zaman, dilerseniz bir tercüman eşliğinde soru sorabilir ve tedaviden önce veya tedavi sırasında gerekçe göstermeden onamınızı geri çekebilirsiniz; bu durumda teklifinizdeki iade koşulları uygulanır.\n\nSağlık verileriniz yalnızca bakımınız ve takibi için, gizlilik bildirimimizde anlatıldığı şekilde kullanılır. İmzalayarak bu belgeyi okuduğunuzu, sorularınızın yanıtlandığını ve tedaviyi kabul ettiğinizi onaylarsınız.",
        },
      ],
    },
    ar: {
      title: "الموافقة المستنيرة: الحقن التجديدي لخشونة الركبة",
      sections: [
        {
          heading: "ما هو العلاج",
          body: "يفحص جرّاح العظام ركبتك ويراجع صورة الأشعة السينية أو الرنين المغناطيسي. إذا كانت خشونة الركبة مناسبة للعلاج (درجة Kellgren–Lawrence من II إلى III)، تؤخذ كمية صغيرة من الدهون من بطنك أو فخذك تحت التخدير الموضعي، ثم تُعالج وتُحقن في مفصل ركبتك بتوجيه التصوير في غرفة الإجراءات. تليها خطة تأهيل تشمل العلاج الطبيعي وتمارين منزلية.",
        },
        {
          heading: "ما يمكن أن يحققه وما لا يمكن",
          body: "لا يزال الحقن بالخلايا لخشونة الركبة قيد الدراسة. يفيد بعض المرضى بألم أقل وحركة أفضل لأشهر، لكن النتائج تتفاوت، ولا يُعاد بناء الغضروف المتآكل، وقد تظل جراحة استبدال الركبة ضرورية لاحقًا.",
        },
        {
          heading: "المخاطر",
          body: "شائعة وقصيرة الأمد: ألم وتورم وتيبس في الركبة لبضعة أيام، وكدمة أو ألم في موضع أخذ الدهون. أقل شيوعًا: عدوى في مفصل الركبة أو في موضع الأخذ تحتاج إلى علاج عاجل، أو نزيف، أو تفاعل مع المخدر الموضعي، أو جلطة دموية في الساق. تزيد الرحلات الجوية الطويلة بعد الإجراء مباشرةً خطر الجلطات: اتبع قواعد السفر التي تُعطى لك.",
        },
        {
          heading: "البدائل",
          body: "يمكنك أن تختار عدم الخضوع لهذا العلاج. تشمل البدائل التحكم في الوزن، والعلاج الطبيعي والتمارين، والمسكنات، ودعامة الركبة، وحقن الكورتيزون أو حمض الهيالورونيك، وفي الحالات المتقدمة جراحة استبدال الركبة. ناقشها مع طبيبنا وطبيبك قبل أن تقرر.",
        },
        {
          heading: "التكاليف",
          body: "السعر هو السعر الوارد في عرض السعر الذي قبلته: فهو يذكر كل بند مشمول وما هو غير مشمول. قد تكلّف الفحوص الإضافية أو الإقامة الأطول أو علاج أحد المضاعفات مبلغًا إضافيًا؛ وسنخبرك قبل إضافة أي شيء.\n\nكثيرًا ما لا يغطي التأمين الصحي في بلدك هذا العلاج. أما تأمين المضاعفات، حيث يطلبه البرنامج، فيغطي علاج المضاعفات وفق ما تنص عليه وثيقته.",
        },
        {
          heading: "حقوقك",
          body: "المشاركة قرارك. يمكنك طرح الأسئلة في أي وقت، بحضور مترجم إن شئت، ويمكنك سحب موافقتك في أي وقت قبل العلاج أو أثناءه دون إبداء سبب؛ وتُطبَّق عندئذ شروط الاسترداد الواردة في عرض السعر.\n\nتُستخدم بياناتك الصحية لرعايتك ومتابعتها فقط، كما يوضح إشعار الخصوصية لدينا. بتوقيعك تؤكد أنك قرأت هذه الوثيقة، وأن أسئلتك قد أُجيب عنها، وأنك توافق على العلاج.",
        },
      ],
    },
    de: {
      title: "Aufklärung und Einwilligung: regenerative Injektion bei Kniearthrose",
      sections: [
        {
          heading: "Was die Behandlung ist",
          body: "Eine Orthopädin oder ein Orthopäde untersucht Ihr Knie und beurteilt Ihr Röntgen- oder MRT-Bild. Ist Ihre Arthrose geeignet (Kellgren-Lawrence Grad II–III), wird unter örtlicher Betäubung etwas Fett aus Bauch oder Oberschenkel entnommen, aufbereitet und im Eingriffsraum unter Bildkontrolle in Ihr Kniegelenk gespritzt. Danach folgt ein Rehabilitationsplan mit Physiotherapie und Übungen für zu Hause.",
        },
        {
          heading: "Was sie leisten kann und was nicht",
          body: "Zellinjektionen bei Kniearthrose werden noch erforscht. Manche Patienten berichten über Monate von weniger Schmerzen und besserer Beweglichkeit, doch die Ergebnisse sind unterschiedlich, abgenutzter Knorpel wird nicht neu aufgebaut, und ein Kniegelenkersatz kann später trotzdem nötig werden.",
        },
        {
          heading: "Risiken",
          body: "Häufig und kurz: einige Tage Schmerzen, Schwellung und Steifheit des Knies sowie Blutergüsse oder Schmerzen an der Fettentnahmestelle. Seltener: eine Infektion des Kniegelenks oder der Entnahmestelle, die dringend behandelt werden muss; eine Blutung; eine Reaktion auf die örtliche Betäubung; oder ein Blutgerinnsel im Bein. Lange Flüge kurz nach dem Eingriff erhöhen das Risiko für Blutgerinnsel: Halten Sie sich an die Reiseregeln, die Sie erhalten.",
        },
        {
          heading: "Alternativen",
          body: "Sie können sich gegen diese Behandlung entscheiden. Alternativen sind Gewichtsreduktion, Physiotherapie und Bewegung, Schmerzmittel, eine Kniebandage, Kortison- oder Hyaluronsäure-Injektionen und bei fortgeschrittener Arthrose ein künstliches Kniegelenk. Besprechen Sie sie vor Ihrer Entscheidung mit unserer Ärztin oder unserem Arzt und Ihrer eigenen Ärztin oder Ihrem eigenen Arzt.",
        },
        {
          heading: "Kosten",
          body: "Es gilt der Preis aus dem Angebot, das Sie angenommen haben: Es führt jede enthaltene Leistung auf und auch, was nicht enthalten ist. Zusätzliche Untersuchungen, ein längerer Aufenthalt oder die Behandlung einer Komplikation können mehr kosten; Sie werden informiert, bevor etwas hinzukommt.\n\nDie Krankenversicherung zu Hause übernimmt diese Behandlung oft nicht. Eine Komplikationsversicherung, wo das Programm sie verlangt, zahlt die Behandlung von Komplikationen so, wie ihre Police es vorsieht.",
        },
        {
          heading: "Ihre Rechte",
          body: "Die Teilnahme ist Ihre Entscheidung. Sie können jederzeit Fragen stellen, auf Wunsch mit einer Dolmetscherin oder einem Dolmetscher, und Ihre Einwilligung jederzeit vor oder während der Behandlung ohne Angabe von Gründen widerrufen; dann gelten die Erstattungsbedingungen Ihres Angebots.\n\nIhre Gesundheitsdaten werden nur für Ihre Behandlung und deren Nachsorge verwendet, wie in unserer Datenschutzerklärung beschrieben. Mit Ihrer Unterschrift bestätigen Sie, dass Sie dieses Dokument gelesen haben, Ihre Fragen beantwortet wurden und Sie in die Behandlung einwilligen.",
        },
      ],
    },
    ru: {
      title: "Информированное согласие: регенеративная инъекция при остеоартрозе коленного сустава",
      sections: [
        {
          heading: "Что это за лечение",
          body: "Ортопед осматривает колено и изучает ваш рентгеновский снимок или МРТ. Если ваш остеоартроз подходит для лечения (стадия II–III по Келлгрену–Лоуренсу), под местной анестезией из живота или бедра берут немного жира, обрабатывают его и под контролем визуализации вводят в коленный сустав в процедурном кабинете. Затем следует план реабилитации с физиотерапией и домашними упражнениями.",
        },
        {
          heading: "Что оно может и чего не может",
          body: "Клеточные инъекции при остеоартрозе колена всё ещё изучаются. Некоторые пациенты отмечают меньшую боль и лучшую подвижность в течение месяцев, но результаты различаются, изношенный хрящ не восстанавливается, и позже всё равно может понадобиться эндопротезирование колена.",
        },
        {
          heading: "Риски",
          body: "Часто и ненадолго: боль, отёк и скованность колена в течение нескольких дней, синяк или болезненность в месте забора жира. Реже: инфекция сустава или места забора, требующая срочного лечения; кровотечение; реакция на местный анестетик; тромб в ноге. Длительные перелёты вскоре после процедуры повышают риск тромбов: соблюдайте правила поездки, которые вам дадут.",
        },
        {
          heading: "Альтернативы",
          body: "Вы можете отказаться от этого лечения. Альтернативы: снижение веса, физиотерапия и упражнения, обезболивающие, ортез для колена, инъекции гормонов или гиалуроновой кислоты, а при далеко зашедшей болезни — эндопротезирование коленного сустава. Обсудите их с нашим врачом и вашим лечащим врачом до принятия решения.",
        },
        {
          heading: "Стоимость",
          body: "Цена — та, что указана в принятом вами предложении: в нём перечислено всё, что включено и что не включено. Дополнительные обследования, более долгое пребывание или лечение осложнения могут стоить дороже; вам сообщат об этом до того, как что-либо будет добавлено.\n\nМедицинская страховка в вашей стране часто не оплачивает это лечение. Страховка от осложнений, если программа её требует, оплачивает лечение осложнений в соответствии с условиями полиса.",
        },
        {
          heading: "Ваши права",
          body: "Участие — ваш выбор. Вы можете задавать вопросы в любое время, при желании с переводчиком, и можете отозвать согласие в любое время до или во время лечения, не объясняя причин; тогда действуют условия возврата из вашего предложения.\n\nВаши медицинские данные используются только для вашего лечения и наблюдения, как описано в нашем уведомлении о конфиденциальности. Подписывая, вы подтверждаете, что прочитали этот документ, получили ответы на свои вопросы и согласны на лечение.",
        },
      ],
    },
    fr: {
      title: "Consentement éclairé : injection régénérative pour l’arthrose du genou",
      sections: [
        {
          heading: "En quoi consiste le traitement",
          body: "Un chirurgien orthopédiste examine votre genou et étudie votre radiographie ou votre IRM. Si votre arthrose s’y prête (stade II–III de Kellgren–Lawrence), un peu de graisse est prélevée sur votre ventre ou votre cuisse sous anesthésie locale, préparée, puis injectée dans l’articulation du genou sous guidage par imagerie, en salle d’intervention. Suit un programme de rééducation avec kinésithérapie et exercices à domicile.",
        },
        {
          heading: "Ce qu’il peut et ne peut pas faire",
          body: "Les injections de cellules pour l’arthrose du genou sont encore à l’étude. Certains patients signalent moins de douleur et une meilleure mobilité pendant des mois, mais les résultats varient, le cartilage usé n’est pas reconstruit, et une prothèse du genou peut rester nécessaire plus tard.",
        },
        {
          heading: "Risques",
          body: "Fréquents et brefs : douleur, gonflement et raideur du genou pendant quelques jours, bleu ou douleur au site du prélèvement de graisse. Plus rares : une infection de l’articulation ou du site de prélèvement, à traiter en urgence ; un saignement ; une réaction à l’anesthésique local ; un caillot sanguin dans la jambe. Les longs vols peu après l’intervention augmentent le risque de caillots : respectez les règles de voyage qui vous sont données.",
        },
        {
          heading: "Alternatives",
          body: "Vous pouvez choisir de ne pas suivre ce traitement. Les alternatives comprennent la perte de poids, la kinésithérapie et l’exercice, les antalgiques, une genouillère, des infiltrations de corticoïdes ou d’acide hyaluronique et, à un stade avancé, la pose d’une prothèse du genou. Parlez-en avec notre médecin et votre propre médecin avant de décider.",
        },
        {
          heading: "Coûts",
          body: "Le prix est celui du devis que vous avez accepté : il énumère chaque prestation incluse et ce qui ne l’est pas. Des examens supplémentaires, un séjour plus long ou le traitement d’une complication peuvent coûter davantage ; vous serez informé avant tout ajout.\n\nL’assurance maladie de votre pays ne prend souvent pas ce traitement en charge. L’assurance complications, lorsque le programme l’exige, couvre le traitement des complications selon les termes de sa police.",
        },
        {
          heading: "Vos droits",
          body: "Votre participation est votre choix. Vous pouvez poser des questions à tout moment, avec un interprète si vous le souhaitez, et retirer votre consentement à tout moment avant ou pendant le traitement sans donner de raison ; les conditions de remboursement de votre devis s’appliquent alors.\n\nVos données de santé ne servent qu’à vos soins et à leur suivi, comme le décrit notre avis de confidentialité. En signant, vous confirmez avoir lu ce document, avoir obtenu des réponses à vos questions et accepter le traitement.",
        },
      ],
    },
    fa: {
      title: "رضایت آگاهانه: تزریق ترمیمی برای آرتروز زانو",
      sections: [
        {
          heading: "درمان چیست",
          body: "جراح ارتوپد زانوی شما را معاینه می‌کند و عکس رادیولوژی یا MRI شما را بررسی می‌کند. اگر آرتروز شما مناسب باشد (درجه‌ی Kellgren–Lawrence دو تا سه)، با بی‌حسی موضعی مقدار کمی چربی از شکم یا ران شما برداشته، آماده‌سازی و در اتاق عمل سرپایی با راهنمایی تصویربرداری به مفصل زانو تزریق می‌شود. پس از آن برنامه‌ی توان‌بخشی با فیزیوتراپی و ورزش در خانه دنبال می‌شود.",
        },
        {
          heading: "چه کاری از آن برمی‌آید و چه کاری نه",
          body: "تزریق سلول برای آرتروز زانو هنوز در دست پژوهش است. برخی بیماران تا چند ماه درد کمتر و حرکت بهتر گزارش می‌کنند، اما نتایج متفاوت است، غضروف فرسوده دوباره ساخته نمی‌شود و ممکن است بعدها همچنان تعویض زانو لازم شود.",
        },
        {
          heading: "خطرها",
          body: "شایع و کوتاه‌مدت: درد، تورم و خشکی زانو تا چند روز، و کبودی یا درد در محل برداشت چربی. کمتر شایع: عفونت مفصل زانو یا محل برداشت که درمان فوری لازم دارد، خونریزی، واکنش به داروی بی‌حسی موضعی یا لخته‌ی خون در پا. پروازهای طولانی بلافاصله پس از این کار خطر لخته را بیشتر می‌کند: قواعد سفری را که به شما داده می‌شود رعایت کنید.",
        },
        {
          heading: "جایگزین‌ها",
          body: "می‌توانید این درمان را انتخاب نکنید. جایگزین‌ها عبارت‌اند از کنترل وزن، فیزیوتراپی و ورزش، داروهای مسکن، زانوبند، تزریق کورتون یا هیالورونیک اسید و در بیماری پیشرفته، جراحی تعویض زانو. پیش از تصمیم، آن‌ها را با پزشک ما و پزشک خود در میان بگذارید.",
        },
        {
          heading: "هزینه‌ها",
          body: "قیمت همان است که در پیش‌فاکتور پذیرفته‌شده آمده است: پیش‌فاکتور هر قلمی را که شامل می‌شود و آنچه را شامل نمی‌شود فهرست می‌کند. آزمایش‌های بیشتر، اقامت طولانی‌تر یا درمان یک عارضه ممکن است هزینه‌ی بیشتری داشته باشد؛ پیش از افزودن هر چیزی به شما گفته می‌شود.\n\nبیمه‌ی درمانی کشور شما اغلب هزینه‌ی این درمان را نمی‌پردازد. بیمه‌ی عوارض، هرجا برنامه آن را بخواهد، هزینه‌ی درمان عوارض را طبق شرایط بیمه‌نامه می‌پردازد.",
        },
        {
          heading: "حقوق شما",
          body: "شرکت در درمان انتخاب خود شماست. هر زمان می‌توانید پرسش کنید، اگر بخواهید با حضور مترجم، و می‌توانید هر زمان پیش از درمان یا در طول آن بدون ذکر دلیل رضایت خود را پس بگیرید؛ در آن صورت شرایط بازپرداخت پیش‌فاکتور شما اعمال می‌شود.\n\nداده‌های سلامت شما تنها برای مراقبت از شما و پیگیری آن به کار می‌رود، همان‌گونه که در اطلاعیه‌ی حریم خصوصی ما آمده است. با امضا تأیید می‌کنید که این سند را خوانده‌اید، به پرسش‌هایتان پاسخ داده شده و با درمان موافقید.",
        },
      ],
    },
  },
};
