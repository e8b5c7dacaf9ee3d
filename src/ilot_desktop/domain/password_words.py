"""Word lists for the password strength estimate (domain/password_strength.py): what an attacker tries first.

Sources, chosen so each list can be justified and redistributed:

* ``FREQUENT_WORDS``: the first 10,000 words of three letters or more of ``commonWords.json`` in the npm
  package ``@zxcvbn-ts/language-fr`` 4.1.2 (the French dictionary of zxcvbn-ts, MIT licence), lower-cased,
  accents removed, most frequent first. That list is derived from OpenSubtitles 2024 via OPUS
  (https://opus.nlpl.eu/, Helsinki-NLP), licensed ODC-BY: "Original data is attributed to subtitle contributors
  and rights holders"; this is a processed derivative (tokenized, frequency-aggregated, normalised, filtered).
* ``FIRST_NAMES``: the French first names of the same package (its file ``lastnames.json``, which holds the
  first names; ``firstnames.json`` holds surnames), lower-cased, accents removed, deduplicated.
* ``PLACES``, ``FRENCH_PASSWORDS`` and ``SERVICE_WORDS``: written by hand for this application: French cities
  and Paris districts, stations and landmarks; the passwords known to top French leaks (AZERTY rows, "motdepasse",
  "soleil"…); the words of the service and of this application, which any attacker of this file would try.

zxcvbn (the estimator) already knows English words, names and the most common passwords worldwide, and
handles capitals, reversed words and leet-speak substitutions (``p@ssw0rd``) by itself.
"""


def _words(text: str) -> list[str]:
    return text.split()


# Known from French password leaks (and the AZERTY rows), most common first.
FRENCH_PASSWORDS = _words("""
azerty azertyuiop motdepasse soleil doudou chouchou loulou marseille bonjour coucou jetaime nicolas
julien camille princesse chocolat amour doudou bisous coucou1 azerty1 azertyui azertyu qsdfghjklm qsdfghjkl
qsdfgh wxcvbn wxcvbnm azeqsdwxc azertyqsdf poiuytreza mlkjhgfdsq nbvcxw motdepass motdpasse mdp
tresor cheri cherie mamour bebe maman papa famille football olympique liberte france
marine chouquette titou toutou nounours minou chaton biloute
""")

# The service, its funders and this application: the first words an attacker of this file would try.
SERVICE_WORDS = _words("""
ilot lilot ilots ilotdesktop desktop dynamiques dynamique emploi dynamiquesemploi insertion accompagnement
accompagner justice prison detenu detenus detention penitentiaire spip sortant sortants sortie liberation
probation reinsertion conseiller conseillere chargee charge mission chargeedemission association asso
benevole salarie travail chantier formation poleemploi franceemploi france travail mission locale
caf cpam siao rsa logement hebergement referent referente dossier participant participante
utilisateur admin administrateur secret confidentiel securite coffre
""")

# Paris (districts, stations, landmarks) and French cities and regions, in no particular order.
PLACES = _words("""
paris parisien parisienne iledefrance idf montmartre belleville menilmontant bastille republique nation
marais pigalle montparnasse batignolles oberkampf vincennes boulogne bercy chatelet halles leshalles opera
louvre concorde etoile trocadero invalides tolbiac italie gobelins denfert vaugirard javel grenelle passy
auteuil neuilly clichy saintouen aubervilliers pantin bobigny montreuil bagnolet ivry vitry creteil nanterre
puteaux courbevoie defense saintdenis stdenis barbes chapelle stalingrad jaures villette buttes chaumont
gambetta voltaire charonne picpus daumesnil reuilly austerlitz lyon gare nord est sorbonne pantheon
luxembourg odeon mouffetard bercy seine canal saintmartin saintgermain sebastopol strasbourg rivoli
champs elysees eiffel tour notredame sacrecoeur abbesses blanche clignancourt porte orleans maillot
dauphine versailles evry cergy melun meaux fleury merogis fresnes sante poissy bois arcy osny
marseille lyon toulouse nice nantes montpellier strasbourg bordeaux lille rennes reims toulon grenoble
dijon angers nimes villeurbanne clermont havre saintetienne tours limoges amiens perpignan metz besancon
brest orleans caen rouen mulhouse nancy argenteuil roubaix tourcoing avignon poitiers pau calais
dunkerque lorient vannes quimper larochelle ajaccio bastia cannes antibes ajaccio valence chambery
annecy colmar troyes bourges nevers auxerre chartres laval lemans angouleme niort cayenne fortdefrance
pointeapitre saintdenis mayotte reunion guadeloupe martinique guyane corse bretagne normandie alsace
lorraine provence picardie bourgogne auvergne aquitaine occitanie savoie vendee gironde essonne yvelines
hautsdeseine seinesaintdenis valdemarne valdoise seineetmarne
""")

# 10000 most frequent French words (3+ letters), most frequent first.
FREQUENT_WORDS = _words("""
est pas que vous les une pour des qui dans suis plus avec bien nous fait tout faire etait mon oui moi mais sur non
sais elle etre veux comme dit ici toi lui sont quoi peux vais votre dire rien avez cette son pourquoi ton ils par
ont chose aussi ete voir avoir jamais quand merci etes peut meme comment tous autre juste temps alors accord tres
deux vraiment bon toujours vie peu encore ces dois avait fois quelque fais notre besoin aller faut monde mes
maintenant etais trop avais allez vrai parler pere aux crois sans avant aime doit mal leur femme ans homme deja veut
ses sera pense personne chez gens mere mieux mort vas beaucoup fille apres dieu vos vois tes autres avons maison
jour passe petit dis depuis soit prendre choses ouais argent soir parce toute moment savoir plait donc arrive raison
nos peur seul voulais nom bonjour cela air aider nuit aurais famille moins salut probleme partir cet bonne travail
voulez fils viens entre reste tete pris trouver sait sommes serait seule trouve jours enfants tuer savez venir
pourrait appelle part tard aurait chance quel trois pouvez connais voiture sens assez gars comprends idee ami vite
parle ensemble amour passer toutes heure sang importe coup truc grand sortir quelques porte petite contre vient
voila nouveau cas entendu rester devrais pendant demain hommes frere fini longtemps tant amis question chercher
demande desole faites monsieur tue genre aide partie laisser revoir sous eux mois histoire derniere pensais place
pouvoir quelle devrait mettre vont yeux cause hein maman attends ville police donner endroit savais perdu enfant
donne venu etaient mec cote facon affaire main arrete heures tellement premiere seulement corps premier suite leurs
point hui eau mourir papa train pardon devant type dont aura regarde espere puis matin pourrais compte aimerais loin
demander fin equipe dirait minutes vieux mis manger mme arreter vers droit confiance bebe vivre parti chambre
possible mari jeune chaque nouvelle compris jouer aucun car merde verite prends annees belle voulait prie gros
croire devez boulot dur appeler beau combien super femmes ecole filles affaires bureau elles aucune journee laisse
chef arriver coeur important attendez mains desolee pret font meilleur pres sois feu envie fort semaine telephone
hier vue instant guerre plutot parents mariage grande pays abord fou souviens tomber jeu ait attendre dernier plein
serai allons marche appele personnes dehors dessus bientot securite penses garcon plan attention terre peine
derriere semble inquiete propos travailler choix faute rentrer voici retour entrer lieu changer fera ceux prison
regarder ferai prend autant putain mot cours essaie presque rendre fete penser tiens difficile celui numero cherie
regardez ainsi route voit essayer essaye plaisir etiez entendre facile suffit venez adore mauvais arme propre ira
croyais tot amie sauver sujet film tour peuvent oublie hopital heureux allait perdre minute annee garder cinq bas
aimes service travaille lit payer change voulu mlle devons visage quatre courant devoir parles faisait montrer
voudrais sure photo avis garde devenir doute pire pouvais verre dites appris morte veulent calme esprit malade drole
reve comprendre serais ecoute commence cherche cafe attend problemes alle allais dollars chien questions voyez
chemin boire sorte prochaine bras moyen musique venue simple pos bizarre nouvelles haut enfin dormir grave gentil
arretez ecrit madame morts rencontrer roi situation fous revenir john entends docteur retard vaut debut recu diner
salle sort partout face gagner trucs seconde souvent soeur seigneur erreur jack etat secret message proteger envoye
interieur manque meilleure ben devait groupe rapport pensez meurtre age occupe commencer occuper livre exactement
acheter cul prix aviez semaines ferais majeste reviens effet pouvait voix ceci surement battre ferme serieux force
devriez reussi ordre genial bonsoir cru faux bout carte soiree joue puisse piece suppose millions retrouver agent
hey new apprendre voyage utiliser ailleurs simplement appel sac avaient allo mots tirer accident agit disparu six
bois armes connaissez impression faim impossible anniversaire armee deteste seras aurai medecin decide long finir
sam scene seront cheveux colere fond dos cher capitaine avocat paix pouvons celle ignore ressemble dix rue rencontre
mauvaise cool petits present retourner devenu parfait risque libre noel bateau heureuse pars devais rentre doivent
continuer cadeau suivre hotel photos fasse habitude grace gagne tenir clair completement pourra ligne avion rappelle
patron connait promis euh noir york general parfois disent reponse mission froid croyez idiot auras vraie lee soin
gauche expliquer savait liste ensuite crime lumiere dangereux disais honneur controle table bienvenue president
ferait autour soleil envoyer porter vole arrivee systeme sorti prete connaitre sors mets epoque pied quitter enquete
chaud con pieds rend camp lettre marcher plusieurs triste danger avenir poste kim rouge pauvre lire moitie oublier
prenez maitre jolie surprise preuve decision forme folle pareil visite sortie classe tombe poser content offre serez
loi termine disait probablement aimer vouloir ciel relation sale tranquille coin fallait balle soyez capable
incroyable cheri pote oncle vieille stupide ouvrir ecouter arriere gueule imagine surtout ordres normal continue
jeunes cuisine boite victime droite bons foutre vivant attaque jure but michael ecoutez parlez ame etrange signifie
david choisi flics neuf avance voyons different maniere combat dedans chanson bonnes cle existe sympa met montre
sinon vit achete coupable touche cacher bouge ecrire recherche bord blesse prefere tire allee joe sentir monter
aurez certain charlie grosse gamin secondes magnifique bouche tort voie voler dirai travers responsable honte
interet professeur prevu emmener envoie faisais tele tel tient bordel coucher rire compagnie blague vendre public
reunion connu viennent directeur oeil sauve amoureux dossier peuple operation conseil cerveau servir hors societe
aille mange sent prochain laquelle prets paye dejeuner reves tom mer devient humain dame tueur preuves milieu
nourriture frank recuperer bravo juge repondre mike pleine heros the exemple bar flic eviter nulle decouvert depart
messieurs quitte peau fiche cheval presente prise position livres vetements savent dingue auriez sauf regles ouvert
signe trou entree vin secours blanc ennuis role fric gouvernement menti coups adresse jeter entreprise enfer bruit
george base centre espoir promets verifier vaisseau experience revenu prince empecher ramener souvenir obtenir
client parait marier garcons contact video diable nez sante deuxieme envers sentiments verra immediatement restez
irai niveau paris robe paul drogue proces jin projet joli vent peter appartement certains club fut preparer portes
douleur bete entrez excuser arrivera etions fleurs mecs pourriez felicitations toilettes mise croit interesse vide
attendais utilise realite proche temoin biere discuter occasion lycee reine asseoir revient excuse cense solution
aimais mur derange grands choisir sert baiser presenter venus enceinte faudra pute conneries clients tas approche
presse derniers seuls vecu aimez repas merite quartier energie accepter reflechir horrible journal rendu ennemi
informations personnel copine terrible mien dirais telle contrat rapide avions destin justice vis egalement terrain
comprenez altesse importance village ouvre honnete assurer special banque tenez liberte chacun bombe conduire sept
vol necessaire radio james fier plupart cotes magasin danse epouser freres ridicule detruire contente charge
amerique sol idees longue histoires espece aie zone monstre soient park retrouve meilleurs pourtant respect patient
forte bonheur glace fenetre you remettre parole futur fbi match restaurant laissez retourne ile humains lune
decouvrir prouver spectacle offrir bill arrivent han memoire machine planete vacances soo connard nature pleurer
refuse propres toucher pression vies danser souvenirs petites veuillez assis urgence code riche sortez maladie
inspecteur tony espace trouves apporte couple court enorme anglais alex bande sauter mignon henry excuses tourne
contraire faits huit sache politique gout tourner rappeler jambes max portable faite chanter interessant programme
camion restes failli bain parie mille beaute chaussures invite sourire kang inquietez bus soldats nouveaux marie
frais courage attraper remercie cour remercier bob doucement mariee descendre regler aies ancien environ harry
alcool tante enlever ayez defense faible pose arranger monte chat aimait papier taille dure rapidement dents gosse
couteau hasard intention entier suspect sarah points mary afin chere etage chier jimmy victimes selon pourras parmi
pitie aiment unique eglise carriere agir absolument rejoindre permis difference merveilleux sexe epouse vouliez nul
savons noms test debout cartes viendra remarque films copain suivi mienne raisons paie serie cible image amuser fil
rends piste pourrai procureur apprecie frapper crise memes bouger langue jim course lors partis conversation
inquieter princesse regard importante palais secrets aise identite lequel okay moindre fermer emmene poisson londres
couleur mademoiselle souhaite details casse mentir accepte venait dernieres types utile etant reposer nick
appartient foutu commandant gerer frappe faisons inutile souci troisieme universite courir lien animaux dise exact
attendant compter puisque tuee presence joie enfoire cles rate appelles pieces etranger echapper donnees lorsque
odeur decider pensent acces reprendre abandonner faudrait direction cache camera arret jane passee forces magie
nombre succes signal comptes taxi pont double vus depend doigts sexy raconter chiens lait voudrait exterieur woo
lever membres parlait action papiers recevoir article auraient produit foi couper echange danny recherches johnny
pensait certaines date san apporter gateau jambe creer resultats ordinateur marre silence amene gentille fonctionne
jesus proches concerne valeur attendu menace chasse fout lettres ray detruit prendra toit douce meurt laisserai
metres soldat infos cinema oblige certainement arbre partez morceau appareil prevenir salaud demandais devrions xiao
viande campagne naissance officier durant gardes reparer discours coupe amener mechant france balles costume pluie
semblant richard pain ouvrez tribunal pause certaine repondu cou sentiment lache bouteille billy regrette faveur
poids devenue prive poulet conscience facilement totalement complique amoureuse trouvee membre charles pleure
debarrasser joyeux tombee perds reel ministre grandi bataille epee ressens emission pourrez bleu volonte mens
intelligent million cree pourraient assure piege noire coffre salope continuez steve falloir etoiles surpris folie
partager saura miss faisant pierre proprietaire marrant tommy fatigue directement abandonne retraite disant malin
nord vitesse agents comprend voitures serieusement jete vendu fac finalement ennemis grandes hate jeux couche robert
parfaite entendez beaux imaginer jardin voulons arrives colonel supporter sacre chapeau parlais plage medicaments
crains perd convaincre montagne dormi agreable genie champ examen eun fuir joindre controler serons dommage marque
victoire servi habite milliers appelait amusant poche direct pouvoirs art regle mode lieutenant batiment passage
traitement univers nouvel mesdames prepare connaissance martin celebre demandes partenaire senti daniel
responsabilite talent ventre joo oubliez supplie humaine veritable jake atteindre degage patients plans chevaux
moments moyens nettoyer fantome metier dan apparemment reflechi ange tae clairement labo appelee invites dors
washington don mensonge defendre ouverte chris relations realise gosses young sud reveiller interdit survivre style
doigt trouvera meurs militaire anna droits perte will titre source offert seo cent adam signer tresor mark parc
manquer enchante nombreux and formidable doux plat commis dira dort promesse belles oreilles raconte adn risques
couverture animal conduit differents queue information verras heureusement billets feras parfaitement regardes
embrasser imbecile vieil nerveux jung lancer min battu joues retirer paroles stop genoux empreintes ramene unite
ryan attaquer trouvez flingue bobby acte saviez foret pensees alles mesure evident cousin appels terme lecon
connaissais emploi innocent superbe traces salon mauvaises aupres ouah sherif esperais explique passera aeroport
souffrir riviere reviendra maries soupe ancienne haute delicieux rome larmes page vache gaz ignorais attendent coute
appelez viki verifie cancer americain services eddie perdue chances familles commande oiseau entend maire parlent
kevin repete sommeil immeuble permettre prudent changement trace aveugle recemment erreurs ombre fesses evidemment
surveiller claire bague demon coince tente tenu vienne hong puissance accuse reveille yoon note dossiers notes
dirige douche principal liberer neige etudes etudier francais paradis vrais rappelles disparaitre bref devraient
blanche voulaient job hum rentree violence joon protection thomas suit sport inquiet mince temoins paquet amies
virer humeur choc eleve suicide commun policier bougez enleve lieux auront voleur desormais amy privee exploser
rachel souffle vote quels walter resoudre tienne speciale semblait file essayez soutien puissant racontes ravi
occupee miracle premiers angleterre brise mandat surveillance siege assassin vert blesser deviens gay objet repond
theorie jang images bosse fortune veste mene usine cretin site divorce differentes actions sombre pantalon jae
forcement traiter normale periode andy annonce disons respirer dimanche cependant quelles differente avancer
cherchez craint mine criminel obtenu assurance distance enfuir fuite serieuse vire bal levres revenue tenue laisses
dong finit logique suivant tableau pousser sergent reputation kate saison mouvement fatiguee cellule cherches
profiter deranger entrainement incident bat rose chemise resultat scott idiote bosser physique choi cameras
plaisante ted sonne demandez lunettes blessure chaleur jerry reviendrai amitie permission donnerai meurtrier
journaliste reponses version pilote enfance alice prendrai reponds prennent journaux entiere seraient souris samedi
modele lendemain malgre souvenez soucis theatre taire jeff chocolat reconnais jeong wow chante particulier laver
larry luke courses fiere louis rues star yang eleves brian couilles chauffeur adulte jury tues inviter venger
pauvres secretaire europe zero emmerde artiste adorable lourd pete puce doue dieux reussir riches trouverai crier
concernant vente engage traite verrai cardiaque traverser william efforts virus abri travaillait jason vendredi
trompe ecoutes oiseaux cabinet endroits explosion geste devra maisons hiver sage casser riz moteur esprits blessee
construire employes oreille cadeaux atteint parlant chaise malheureusement fusil vivante gorge final boutique
affronter pardonner maria souffre los arthur voient eric concours mener reseau curieux chair concert meurtres
passait represente prof donnes medecins vision chaine repos survecu simon chateau davantage voisins justement
dessous epreuve aurons mensonges herbe murs rare comportement fonds fer chicago caisse lac aventure arbres finie
crimes station ayant tien magique ambulance accompagner lacher minuit attente restera origine plainte bebes essence
ment opinion somme infirmiere ours pistolet city essayais calmer cesse attrape foyer second fausse reculez emily
repeter gare siecle lis tir rencontres cherchais romantique ceremonie matt blessures mettez reaction billet gaffe
jaloux corde ecris gamins cauchemar fumer verrez horreur dave nuits midi humanite terminee liquide combattre ocean
roger reellement projets personnage tournee opportunite apprend lisa fiston leve laura heritier celles excellent
manques ennuie centaines fleur vivent remonter salaire laissee voyais ouest hee incendie permet filer fan soi
realiser seriez man carter refaire empeche cloche documents canon recommencer precedemment cia sorciere absence
prevenu recompense intelligente navire carl crane acteur aient chine parlons avocats tache autrement echoue
conference anciens cadavre menage rapports tromper traverse desert ies haine amuse tenter conseils uniforme
construit clark agence smith messages street bruler rythme technique foule chute poitrine expres garage peinture
angeles velo royaume sucre materiel lance desir scientifique pousse existence produits top croient arrestation adieu
tests contacter nourrir poursuivre entrainer collegues pis debile protege manteau remplacer aidera etoile attirer
declaration porc frontiere complet profond travailles sentais barry lily propose credit fromage jackson feront
masque rompu connaissait aimerait joueur uniquement estomac degagez front morceaux americains piscine susan bel
soigner propriete couloir reconnu cheque quiconque chinois jus pourrions etudiants attendait ascenseur conditions
annie ordinaire jette annoncer gene discussion urgent chut emma seins etonnant californie prenom installer precieux
panique vehicule nomme barre pareille irait franchement passent science qualite condition pretre rempli rumeurs
limite champion creme ecran competition vengeance appellent kelly communaute phil donnez fantastique rater victor
passes surface implique deviner sentez region avantage aube venais cha bite secrete lapin jones sacree soif ferez
montagnes reserve pratique episode fasses meilleures tempete trainer fiancee trouvent remonte oeuvre chuck etape
traduction couvrir joey lundi reconnaitre cents departement possede fruits charmant pub poupee portait eliminer demi
brule parties lentement shin objets kilometres plaisantes parlera terres admettre sers approcher entretien remis
feriez inconnu fallu retenir effort portee invente emotions lucy poison lois technologie touchez internet champagne
gardez gardien conge gacher liaison courageux geniale rick circonstances naturel echappe malheur venant voyant
concentrer travaillez difficiles choisis explication incapable julia medecine etrangers chou prisonnier parte
couvert crie saute alan proposition russe veille enterrement fumee studio profondement objectif avouer demons digne
volant prisonniers vivants recommence limites lie nombreuses chansons big ideal convaincu correctement coree hais
bouton affreux doc peche yeon red ballon potes passion yoo disiez tirez piano tasse jean entierement soins pouviez
notres lutte separer kyle personnellement descends prenne donnera team censee pot precis coincidence wang domaine
loup appellerai detective tapis devoirs collegue colle sean saches robin tim julie respecte sauce professionnel
voyait chen briser japon karen sara moque decouvre attitude van song livrer equipage gloire alerte howard suffisant
restent blancs jeunesse aigoo auparavant consequences interroger connaissent terminer soudain betises dean monstres
troupes miroir accompagne organisation visiter monnaie morgan extraordinaire remplir parking sacs creature ceinture
montez trahi respire printemps organiser roule criminels afrique refuser appetit chiffres valise miel participer
bloc milliards anne whisky tetes injuste jesse blesses parlerai hank maitresse taylor restee poissons forcer patrick
chouette alliez finira douee jenny egal celibataire changera clan bibliotheque policiers nation nee engager aides
dames pattes forts ajouter king maggie pizza gary extremement semblez maximum guerir voisin ivre expert copie noirs
sommet poussiere partage lin parfum audience stan stade libere won souffrance adultes accusation actes croyait
sortira vivait signes prouve identifier diriger fred verres juger conseiller soudainement expression tribu fievre
collier canape chaude invitee critique meurent sable idiots chasser etres bagages vend secteur surveille yeong
gouverneur ravie rentres mexique lady supporte associe chambres detail brillant plu procedure allemagne echec
viendrai assistant tape gang josh legende hmm assassine faisaient dispute essaies partons hauteur copains figure
adaptation abruti mystere froide effets decisions jouez feter sortes moto previens singe superieur tension fantomes
annuler sales formation possibilite couleurs respecter wei elever saurais finale jaune conduis disque dette medical
clinique cigarette port arrivait placard rayon television allaient iras patiente menteur etudiant evenement vegas
classique texas pensee empereur seance causer malades personnalite info americaine cage voudra nationale lumieres
publique rouges conduite soutenir decu raisonnable imagination arretes eteint serpent loyer repose education
merveilleuse boit rentrez fierte plaque malheureux machines offerts convient preferee surs enerve taule alarme
deposer suivante sortis sensible epaule bruce organise absurde soeurs souffert rat donnee jugement huile pointe
essai bijoux territoire principale reveillee sun autorisation sandwich nerveuse mignonne gouter moral sauvage rang
bol ferons ailes marchera matiere recois tours noble alliance oppa cherchent revenez actrice condamne employe
eloigner oliver lord methode casier roy rencard jouait terry courrier cris profil regardant quant emprunter sophie
bouffe personnelle boule traitre tenait arrange cochon avoue repartir ignorer chirurgie actuellement sein cuisiner
sincere obligee poule essayait devras eternite bleue deplacer renvoyer flotte caractere foot paire tuerai oeufs
solide nathan lignes rumeur populaire abby deviennent trouverez commissaire amen trone moche analyse semblerait
charlotte enchantee disparition interets nana finis adjoint exercice rattraper ordonne betty cingle prenait bye
etudie cherchait rejoint repris deces eue appart autorise psy pierres sortent retire vincent reconnaissant hye
donnent examiner fiance attendrai pourrons andrew allemand pur irais taux invitation capitale bonbons progres
enferme enregistrement merites black gere furieux neveu sir autorite vampire strategie robot passez assise
medicament tunnel rats temple large vieilles enterre descend comedie exprimer mechants enqueter gache catherine
johnson separes effrayant liens pdg coucou travaillent correspond devrez instinct recupere echelle manges fans biens
egoiste seok joueurs durer linda apprends camarade rit caroline remise rever assistante libres enfui panne crever
bombes nager hyun correct elizabeth taper comite restait hollywood evenements travaux bah commissariat semblent
tentative continues officiers tuera envoyez joseph ressenti ose conclu termes illegal premieres ross culture rompre
voyager revenus section signature business portefeuille devenus jackie rembourser suffisamment degats trafic bagarre
renforts promotion poil helen emporter transformer carlos temoignage doug adorer miller assister innocents habitants
perdus plateau accueillir aimerai chanceux reflechis bains espion trouvait ames poudre album camarades commander
voleurs couler golf agi stress musee cole genant regardais wayne empire ameliorer activite chats ouverture
electrique inquietes scenario russie aine indice honnetement kilos cave senateur mac cirque yan betes puisses chaos
total interne efficace pommes baise mettent cabine langage plaindre auteur pouvaient miens ecart temoigner laissera
boston connue places medias produire soirs charger reveler grandir diplome citoyens survie chan influence prier
annule wilson amanda marques videos voudras revienne interview envoyee geant electricite trahison humour leo dessin
greg marshall garce uns beurre ressentir mourra tyler declare accueil rage equipes harvey olivia fermee saint roman
batard serment bizarres remede defi eteindre football marcus charme balance mobile apprecier kong hyung oxygene
fauteuil manieres embrasse rencontree esclave gamine race grosses malentendu lucas apparence pure rond francisco
cooper pensiez frigo jalouse gordon molly suggere urgences jamie guide cesar brown fetes loyaute instructions fache
patience paraitre generation ecraser angela bail rebecca jolies vingt elements plats plaire deviez diras minable ali
metro ennuyeux fouiller temperature prises chefs escalier jessica valait pisser hitler fidele processus soucie
foutue chers durs reception sexuelle fichu permettez gagnant operations commandes cercle boss foie vague vends angle
feux violent detendre jay soyons entendue blagues journalistes autorites terroristes russes changent pervers
trouveras etude excellente parker prefererais resister option west leger sain carol italie preferes entrepot unites
aurions reunis phrase examens berlin imagines christ complexe livraison dragon commencons charmante pourri commerce
collection donna recoit royale courte pile tireur capacite vaincre reveil dangereuse marty rigole miami priorite
navre production officiellement habiller militaires jeudi travaillais rock poubelle operer immense bottes suspects
barbara croix therapie gants agression cigarettes nina besoins vampires culpabilite cruel evidence terroriste voies
regretter enterrer sexuel cellules seoul issue effacer totale fenetres heritage savaient villes depasse hyeon vraies
cassette trompes coach tendre responsabilites fonction mardi censes ressemblait brave scandale bleus meres chic
officiel nam enormement renoncer commencent desire sachant telles sauvee disponible ministere sally gentils
nucleaire esclaves douloureux decouverte tournage portrait nerfs pardonne promener parent informer epaules drogues
indique degres alibi genereux pensons resolu excitant tare pue tendance groupes edward doutes trouvais frankie
impressionnant fermez timide gratuit teddy trous enregistre communication regime rappelez sel amant numeros nuages
creatures jordan anges seules fume oublierai beth jun barbe floride sacrifice manager competences retournez pourront
importantes yeah pro phase volee contient importants negocier matinee ecrivain craindre katie traine lampe voudrez
oscar venons intentions tokyo desastre confirme passant intelligence commercial discute repondez arretera
commandement dettes accomplir simples immunite stylo interrompre pari micro complice plastique allemands cimetiere
confirmer visages solitaire dose identifie cable vive couru mechante regardent etranges construction rejoins tuyau
bourse acteurs luxe facons plais creuser puissante debrouiller devaient otage risquer cons particulierement couvre
viol cachee tarte religion comte reconnaissance japonais mars rouler magazine interessante davis pires demeure
ordure serre arretee talents cran encule directrice tradition major autrefois ressources blonde laboratoire espagne
nate legere cendres diamants baisse quatrieme excusez tenebres siecles essentiel qing original arracher budget
ailles chagrin lls subir albert abattre potentiel voter environnement bateaux experiences fui lecture intervention
tina cadavres retrouvee deviendra hannah toast articles reprend orange drapeau masse menaces coincee ecriture
attache punir walker nancy proposer malediction batterie contacte esperer innocente sujets perdez boites degoutant
heroine activites loue abattu metal nan ranger salade couches champs bagnole noix lachez college brad coule
demenager baisser feuilles penis seong funerailles cliente interrogatoire pages cri sociale exception lou demandent
otages accent rendez cousine delire pilules principe vierge signaler insiste caution inde mesures ken renseignements
stupides suffira tester avancez normalement admire etonne ethan ron escaliers douter menu adversaire sensation
maintenir exige dalle rires torture gateaux franc moderne devine roses vaisseaux sejour jungle volontaire aaron
vides puits descendu boisson equipement autopsie rigoles solitude vivez chirurgien morale ordures commission
probable filmer punition mortel pouls regardait transfert euros revolution renvoye jess partirai coma quart putains
rappele mentionne maudit partant explose sung personnages demanderai duke coupez tang faibles porno vues sincerement
manquait ian destruction royal retenu rarement vomir jouent faiblesse ongles esperons adorent publicite passagers
passeport chffffff ambiance pensant diane derek cite adorerais dick lot peches poches plante carrement suivez
sortait symbole grant priere stable elena mele connor poing melange moyenne obscurite baton meler foutez votes
martha candidat subi habits reglement guitare execution maquillage revanche conseille laissent aidee chasseur deuil
viree plantes tarder inquietude yun branche dessert todd resterai reduire resto fruit serviette rapporte bong jacob
industrie population espagnol tragedie reviennent bai bourre steven that jouets justin conflit cravate impots your
colline definitivement audition devienne dises avertissement cassee combats obeir gil tueurs eclater ling approchez
satellite benisse avocate epoux sien rupture excellence voyou hae plaisantez avere nue aiderai bloque invisible
fachee shi boue dollar jonathan lincoln barney enverrai document harold emmenee agissait outils poumons rentrons
junior munitions saurai quittes aimable saut accuser eva nouilles attaques keith centrale mette contacts mouvements
logan pipi connaissiez goutte ressemblent sentait enerver endormi septembre demoiselle attire monica utilisent
capacites restant enseigner cercueil louise verifiez methodes considere mangez sauvages revele tonnes eaux servent
donnait souvient evite tristesse excite revolver residence quinn tenais cheng impact presidente equilibre remarquer
symptomes ming responsables pomme ressembler attentivement irez affection mondiale raymond fausses bible quantite
chang positif tels prime difficultes coordonnees show confier existent cabane tuez arriverai paierai acier connerie
meure italien casque routes embete lewis faisiez vince secte dylan augmenter russell imaginais scientifiques
combinaison pleut tatouage veuve ouverts changements pique guerrier prenons bonhomme ble carrie panneau mettra cadre
rita marine legumes tombent transport reussite separe rapporter juifs direz associes actuelle casey aimee passerai
motif trompez profonde division dernierement informe ressent legitime criminelle daisy recule acceder mordu croirait
chatte planque oublies baek margaret enveloppe waouh white administration canada rendra vallee quartiers passees
buter divine spencer lame pathetique patrouille essayons empreinte caches maths piquer tendu fragile texte tiendra
stark serrer verte miles generale yuan mason dennis williams liz concu arts bats serveur vendeur abandonnee veiller
bauer installe elevee descendez remet observer crainte for legal mickey imaginez moscou options trompee atelier
destinee silencieux gabriel mai divorcer mentez atmosphere arriverait satisfait accrocher confortable usage medicale
usa bouffer entraine possession ressembles indiens chloe cap indices occuperai fardeau prudente valises depecher
tuent disparait historique suicider commences transforme enseigne evacuer complete allumer puni longues dent pension
flammes autoroute endormir condoleances estime racheter clown comptez element releve veuille cieux jennifer jeremy
remets marches casino michelle rendent conscient etablir juif circulation couronne communiquer professionnelle ricky
salauds mortes souhait testament national reduit idole saigne preter cervelle malcolm capables gus qin placer
demenage pratiquement politiques feng bouteilles intervenir boucle mamie vagues systemes leader envoyes realisateur
poeme differemment arrivais curiosite essaient basse quete ann lies demandait antoine toby whoa depense
reconnaissante enfermer color tombes house petrole objection oignons civils posez sydney respiration helicoptere
doutais pretes agis habille aile local owen decrire saisir reelle charges viennes repere chi francis kenny avaler
regne boules juan sauras motel mercredi hall arrivez laissant votres fouille island artistes destination connus shen
pompiers jusque green promesses utilisant conducteur shane partira halloween biologique fleuve ecoles sec rendue
record minimum louer bracelet sembles ellen jouet saluer blake compromis gentiment harris eli dignite jiang touchee
soulagement roue niece benediction echanger heu couter revu accorder randy detestes protocole promettre constamment
ruine balade interesser hill liu gentleman menottes depose delit essayant ruth douceur engagement audrey telephoner
detention parliez travis calin sagesse horribles sociaux automne assiette portent mysterieux accusations desirez
illusion homicide ouai sienne medaille fiches deposition profite pretend louche depenser epuise routine thanksgiving
charite four trouble scenes telephones statue jouais organes domicile manche coinces ancetres clay fichiers profit
visites came fiers lancement enlevement contenu zut francaise pasteur prenais mangent connaisse disputer resistance
infection avertir sources pige sourd prendrais central sieste juillet plairait las inconnue fournir sortant puissent
jersey penny creation elu francs tumeur soucier tranquilles recette poignee panier bieres elections rares mettrai
douze passais familier croise feuille tranquillement dormais ecrase auquel ayons buvez localiser deplace chaussettes
longs canard cuir vic asile disaient facture vain enregistrer lion renverse diego catastrophe statut defaut juliette
tiennent sire occupes provoquer julian fonctionner viendrais cordes dealer sorcieres choisit brillante miserable
tigre reverra petrin moon utilisee confie chant irons net matthew judiciaire penible ramasser nora ford devrai voeu
loups relever fabrique transparent revue emotion draps linge precieuse aidez officielle angel gibbs meubles
grossesse trahir holly stephen gloria balancer portant viendront partent echantillon cuire enfuie effraye pieger
lecons surnom sacrifier pareils passons concept requete curieuse batman reagir enlevee anthony preparez tissu putes
naturellement riley comptais inverse dessins sentent sammy badge phoebe debat poils suivent precisement cesser
refait ticket allume rob prieres accorde jules genou baseball ere emporte coeurs cachette voisine verrons grotte
elliot brooklyn peres costumes magnifiques lex fiancailles bureaux naturelle ventes bazar poursuit bidon obliges
quelconque developpement relais atterri ooh gris salopard juin connaissons voyages trouille montee accompli apparait
brille basket merveille remarquable pouce rapproche poker leonard reunions pirates assaut intense massacre
terriblement factures warren vaux regret aiderait hwang innocence manhattan walt sauvetage furent civil legiste
peindre zhang citoyen diamant bailey ingenieur serveuse arrangement victoria portail exposition santa pam denoncer
chevalier muscles entraineur embeter enfoires comprennent survivants echecs christine occupera majorite atterrir
quittez republique bonnie jetee detester stanley absent desirs election wendy karl entreprises earl evasion rebelles
elimine investissement archives avril producteur ruiner portez liberation pleures congres celebrer ecrite plafond
jumeaux poignarde fermes defaite disques discret pistes signale nid diana cho superieure aiguille ouvriers guere
federal cicatrice postes regrets especes garantie pisse coincer ralph alpha tragique depression ashley attendons
fonctions oses vanessa connards immobilier pirate horloge gentillesse fiable saurait orchestre chaines plaie
developper familiale elite meteo jacques choisie manquent montant capturer finisse hemorragie seon bonte assassinat
commencez drame fixe psychopathe norman montres fringues lane lent association vif principes allant compliment
poursuite compassion vivons presentation appuyer reprends perimetre antonio partenaires fillette greve rassembler
pleins foutus janet tandis gueri fusillade christian sandy intimite difficulte retrouvera determiner pendu vedette
jing juges souhaitez accro tordu puissiez vaudrait docteurs viendrait repare neil locale lutter montrent festival
chariot venaient specialite provoque lana longueur navree refuge haricots verdict parier yin pneus sue economie
insectes zhou eve eternelle marc chasseurs tube pipe essaierai mitchell relax depute betail formule violee normaux
fraiche superieurs rois effraction amenee murphy personnels cauchemars betise structure sachiez recevez ronnie
pertes mannequin bruits specialiste vider peint gre apercu transmettre pecher yong dramatique maya inutiles culotte
desespere love saisi future chapitre touches desordre pretendre ying palmer brigade nicole battus sauves expose
frites complot negatif reparti marco eternel kennedy interroge coke decede habitue battent raccroche alicia joan
judy chacune auto degueulasse moquer ennui etrangere malheureuse allen zoo titres marchait batte filme arretent
courez octobre cuit expliquerai vomi gravite dae tuerait stone intime temporaire rituel plains steak reference
morgue connexion delicat tiroir soda vaisselle admets former mitch representant miguel soon helico ned fabriquer
personnelles promenade collins guerriers consulter capture sainte anonyme foire tournoi corruption epreuves fonce
scanner rapprocher utilisez poesie coller aimons attacher payee banques informatique ranch hector fassiez marchand
etudiante vaincu techniques cinquieme reunir pompes depeche viole possibles lauren transfere holmes barriere serions
cheville repetition surprises commentaire donald suivie netflix marchandise social tennis explosifs eclate
demissionner rejete tracy shawn precedent finn maladies oeuf marin ultime litteralement vaches fichier gagnes
puissants fameux chaussure craig confus manuel megan hote gps evan missiles obsede dommages allions demissionne tara
couples lave kitty dinde comptent registre attendra acide xin massage sou prochaines loyal all francois lesquelles
xuan opera continuent biscuits rentrant gina dessiner bouclier amiral mordre hauts tabac chantier empoisonne mines
consequent marchent ambassade natalie permets mourant bougies experts liam douzaine lawrence nier adorait observe
extreme serviteur entres magasins defonce prenant possibilites voudriez plaisanterie grille appartenait efface
degager samantha conne carnet marteau satan commettre donnerais benny surmonter prendrait times rosa decue fleche
mettait ordinateurs harvard paige considerer inspiration nelson poussee noyer chemins ambassadeur savon blue servira
planter vodka wons hesite cibles navette photographe clara ris hommage formes colis appeles pede mei allison actuel
envoient conclusion arrache bienvenu enormes frappee trajet antenne connaissances critiques intuition helas
frequence gras benjamin centaine eloigne look allies imperatrice creve mouche cameron sentie engin soie trente
specialement guider inconnus deesse voile jie quinze valeurs baissez nicky arrivant emprunte chase peste
impressionne etabli requin mondes dana jon boissons michel armure ambition tian servante robes flamme philippe
arretait union fang foudre maitrise franklin troubles debbie feraient reperer know habituer valent with chiffre
nettoye apparu quarantaine fusils sheldon patronne cheol reculer fermeture appellera fees manoir theme deconner
demarre willie taupe poli bases escroc desespoir mario ignorez veniez codes disposition galerie misere jalousie
comptable zhao goo cessez augmente glisser unni contents apprendra surprendre planche honnetes dale freddy vaste
dentiste detruite inconscient inventer insense carton curtis performance existait terreur ruby bang pilotes decevoir
miracles tactique hello descente reporter aout publie effrayer baignoire shaw laches noires lourde federaux flash
bruno generations eut singes assumer remplie camions ellie one vietnam fortes kent demission approprie fusion campus
conclure french demie avantages fit mmm speciales noah meritent cherchons philip novembre orage genetique plomb
supreme mia nuage traitee civilisation bizarrement coiffure embarrassant salue bond ondes magicien fins vitre
participe internes habitudes faillite britannique vivais camionnette reconnaissez analyses pale soirees avenue
fabuleux obtient enfermee coupables anneau airs brouillard vilain nettoie preferez sabre decembre zoe colonne bosses
echantillons artistique out evolution infiniment sperme superman joint forcee craquer laissons impliquer graves
prudents payes oreiller wade boutons chu houston blamer eclair diront plaques remplace prostituee seung
supplementaires bok depot rendait ralentir inhabituel maillot syndicat cocaine sonner demarrer appat solaire civile
tableaux allonger commentaires eus christopher description seattle may blanches balader cooperer sexuels sms
papillon carla voyous paula filet arnaque banc bishop mairie mail kurt emplacement tirs impliquee individu levee
psychiatre sortons andre ivan generalement poignet etonnerait galaxie enervee monseigneur turner pat kai fox
visiteurs liang bip sandra machin partes wallace dechire vols repousser excitee can circuit discipline comptait
esperant pan admis necessaires mafia angoisse ennuyer barbecue rayons villa precise serpents espions castle caca
mourrai armees bernard seche texto grey rendrai defile flipper anderson laisserais courageuse retient boeuf voeux
satisfaire gachis edition reussit renfort moustache gardiens watson hoon decharge jedi chanteur vulgaire harper
sobre impressionner modeste insulte henri espoirs pyjama carburant hua chantage stars poursuivi heather exister
eternellement separation patty boxe quai scolaire perdant plonger rappellerai moteurs tiendrai sorties habillee
georges antecedents claque impatient qualites encre jill sueur poete hurler pendre artifice little soupcons mallette
humaines iront professeurs menacer gym depenses ignores visuel saurez confession chun calmes pilule district
contrarie gratitude affiche encheres ressort legerement analyser amende citron zheng augmentation voles glisse
assassiner faille parcours nus sauront parts naitre garantis australie tonnerre talons sharon battue detresse laser
buffy allergique maitres journees plaira seduire infirmerie fascinant candidats primaire pharmacie seth atterrissage
coupee celebrite sorcier jenna allure irak hyper presents nettoyage miennes rhume pretexte executer compagnon
preoccupe combattu bornes disparue copines enlevez nanas catholique vise amateur contrats licence dechets quasiment
luo guise homo pompe deal hop epargner piper violer sonny choper pese assassins veines renonce delicate aveux
gestion sourit rentrera taches souper traites secondaire inevitable duel conversations attentat delai aimiez
reflechissez franchir compare saoul sebastian fixer veine soupire retenue troupe wyatt investir medicaux zones
supermarche manipuler proie cocktail grimper honorable accroche rapides obstacle morris cochons toile klaus grange
pressentiment robots graham brandon appuie manny trainee sortirai moutons publier ordonnance aspect mome cristal
entrain endormie fee grossier speciaux drew rocher hwa revais voulions economies meg feliciter mariages finissent
hache mentale levez reed concierge beach conte meuf donnant nichons patrie exceptionnel brosse gong incroyablement
poulets preserver col jet concentre canal kirk baker duree chargee humble alfred martiaux obsession renseigner
meritait canons revois locaux dexter renverser juridique portais verront botter botte fondre croises terribles
essayes democratie gyeong meredith emmenager contrairement samuel decrit interessee reagi yue suisse saine egalite
interieure colin fusee deconne denise tires apparaitre torturer fassent marquer serviettes trouveront fondation
grain afghanistan decoller nadia declarer automatique mises furieuse acceptez vainqueur croira veronica rory achetee
situations mineurs elephant effectivement miranda etages bisou bell maitriser chomage zach copies entoure transferer
ceder adrian conviction profondeur defendu xia paiera integrer pitoyable detestais lesquels domestique revoila
cachets hal depasser comporter scotch grippe kyung refuses timing duc verts hunter desagreable pull navires rende
detestent vertu veuilles orphelinat allah dons tueront instrument epicerie jetons souffrances aimeriez distraire
vulnerable pouvions certificat divin lydia replique roles planifie faciles splendide vapeur omar debrouille
comprendra empirer surprenant paiement ado chae souhaiter insupportable jan orbite changes adorais offres male
madison societes bart guy fine international demandant burke apportes piges dallas katherine sucer script ding
leslie developpe hope evaluation bloquer philadelphie gouts diagnostic accusee shopping road gratuitement barrage
lloyd honorer sembler peintre arriveras ciao compliquee chiant hyungnim negre stella kansas auberge hugo radar
justifier dizaines kidnappe degre inscrit certes alison habiter prevoir herbes imperial richie adieux fei oppose
doyle carmen sortais janvier damon jetez nuire hopitaux caravane mental jeanne cerebrale proximite isaac merdique
interdis utilises solo sachez roues buck essais adopter puzzle tripes agneau defunt sirene rebelle noona cindy
sacrifices tristes detenus physiquement trottoir poubelles rideaux retournee commune paperasse mrs halte fraude
cooperation retournes comparer incroyables baraque destine clef loge facteur partait pierce facebook raccompagne
baby travaillant renvoie becky gravement mcgee sense alimentaire menteuse agee infirmieres plaisantais pressee
expedition brute electronique virginie niveaux disputes rentrerai bandes imbeciles promo puissions langues determine
senat ajoute emmenes detenu ainee helene ethique rancon pensaient traumatisme transporter payez declenche honnetete
inscrire arrieres boucher instable stuart maurice balai ana lang lola retiens nage representer montrerai visions
raccrocher pablo reseaux directe caisses lessive graines dingues moques formulaire debarquer chevre agresse bay
chienne financier tiers marcel camps examine grandit this regulierement viendras reprises ciseaux pognon confusion
particuliere droles alcoolique proprietaires jazz jouant devront recours jia protegee restons danseuse cheminee
tickets pate observation venues toilette preparation harrison voire charbon rosie appelais homer tronche verrais
investi invasion cambriolage farce telephonique severe reservoir boum accidents meche volent boucles blair ver
trevor blame ronde decides fuhrer cretins raccompagner carson austin amber trouverons archer kwon entrent ravissante
permettra lesbienne decedee cuba meritez authentique aussitot randall zombies valable devrons recolte rancune
dessine refusez jolis paisible mouille fumier cereales realiste matelas garantir adapter entendent harcelement
cookies bacon enfuis culot arrogant mineur claires librement redevenir pacte kane interessent permanence donnerait
stock familial consequence raser reconnait psychologique messe antidote thompson passerait pourrie nounou dwight
beton employee racontez crache anglaise egard paient evacuation vivra jen utiles jeffrey bandits ane etablissement
douleurs coreen patates paille assiste insulter sacrifie reclame manquez originale prochains communiste risquez
retrouves echouer premierement qualifie avery demandons consort folles soutient rude claudia calculs dorment
commencait tit april quotidien elvis bingo secretement proceder demonstration liee mortelle sombres travailleurs
guerres confirmation paysage east championnat exposer connie tirent addition enfuit troy fonctionnent champignons
execute enquetes laissait demandee buvons tong appartiennent araignee brooke explorer supplier isole selle missions
nobles sunbae hesitez soulager outre aventures nazis cachent fourni etats raclee casquette malefique honore
diabolique perdent raciste mont maudite lits flippant professionnels magazines rocky impasse standard comporte
bennett stefan fideles jonas plaisanter coins tuyaux effrayee fiona chinoise suspecte dispositif touristes sixieme
matins bin troupeau trahis attaquent survivor gagnent salete rideau jupe durera oubliee booth etouffer eveille
dorothy maternelle environs anciennes dormait transmission caleb richesse ahjussi brenda rasoir pates inspire
shirley reflexion pourvu ponts cycle defauts phenomene encourager seol privilege plume indien devions deconnes
active reverrai compose hans florence epuisee hypothese lester loupe profession reserves bars chanteuse rex
vehicules score cousins avale province violon promet academie guerison intelligents chips persuade realises
volontaires publiques suggestion soulage soigne cargaison rigoler plancher confidentiel prevenue imposer coco
spirituel griffin declencher mel appareils grenier mortels naomi prononcer nes envisager rechercher cash atroce
beverly preferable peggy balcon rangs saisis diversion suspendu tournent moine marais lignee sexuelles securise
isabelle refus capital aah vachement maux embarquer transmis couteaux vendue soutiens serena reese stand mysterieuse
appartements decrocher serrure zombie jumelles vagin retrouverai hao amants sullivan trains are nuls identification
coiffeur epouses mangeons remplis modeles imperiale perry andrea soupir dimension winston violet racines douglas
kara tables israel ego maigre forteresse perdons mourras revivre pape sid instants perfection ran tremble abeilles
zhi refugies escorte geum convenu ressemblez otto sook duncan supplementaire bud choque remords benefices sanguin
signaux pensions etouffe adams lapins edgar sortiras fichue evanoui sequence merdes vanter lisez joy religieux eclat
wen enthousiasme naze affecte missile menera vera defoncer travaillons croiser barnes goute desesperee verse
shanghai falaise xiang surprend psychiatrique boy moore frontieres devinez rechauffer emmenez confort disparus iles
tortue ideale invention draguer concentration pointer alentours atout logement apparition epidemie chandler feminin
plaint broadway arrivees claude bowling violation supprimer convaincue wan location angie jures penetrer romeo like
philosophie chauffer reverend iris simpson adresser saloperie cheques entende endurer causes fauche certitude renard
lindsay embuscade impatience magiques utilisait chauve hockey comprendras shakespeare dine colonie foirer aimerions
stage glenn camille assassinee costaud prit relacher achat vendent meriter repart cavalier banane clubs calibre
adopte tait exacte gerant defends bouquin appartiens fonctionnaire fourgon neuve hunt quittee detente river
ordinaires matchs lan saigner gardent buddy inspecteurs acheterai teresa brody raide decor rio sciences chiottes
presume suffisait aerienne discretement cloture cicatrices fermier collines parvenir ignorait gilet gangs telegramme
wells bresil cuillere volontiers litterature offenser communications similaire intrus kira braquage sofia
sympathique pedro ouvres ignorent graisse rein conditionnelle nourrit consiste fuit contenir salles habituel
ressortir ravis poupees tetu debarrasse emballe disparaissent melle laurel feminine bouleverse espionne comprenne
khan cheon queen phoenix dvd passager haley ruse ingredients garcia tissus cruelle corriger humide soutenu ombres
terrifiant chimique portables messager cuisinier perle retablir reparlera autographe alexander extra unis crises
bouchee mick ressentez gage alexandre pigeon nommee mourrez chimiques canne noces erica cal celebres traquer
reacteur flingues armoire positions masques apprennent garer inquiets sieges debarque ados outil pleuvoir perles
mouchoir cody decroche suivait soulever profs verser acheteur chaises extraterrestres apprenne planning continuera
contenter cogne extraterrestre refusent stopper melissa tuant paies glaces cachez mouches soul battait pelle sceau
elegant abus fevrier mentent hurle fracture techniquement bonus poemes arizona boyd aident simone distances
soumettre amenez devenait allonge commencais val mona entendus vaurien typique rime litres sites impliques accelerer
generateur trophee planetes trouvons marvin carre demolir seau plaise sheng poses barman evader entendait vip
ivrogne embauche sauveur poules instruments spatial nues oubliais etiquette parapluie infini revenait favori anton
entretenir dechirer xing apportez obliger inspection posseder lenny assistance plaisait radiations siens cigare
altitude regards drake arc liees cachait scotty honteux affame syndrome tucker gelee cassie reviendras domestiques
sheila pourboire sacrement utilisation attaquee agresseur ouvertes musicale crack gays arnold modifier jambon neal
acceptes tess arabe plumes insigne compliments marron correspondance zack merdier comique alimentation potter percer
deprime comprehension inquietais nommer detecteur douairiere conclusions marins braves got rochers delicieuse
arbitre attachee finiras batiments distributeur horizon creee piloter pearl jose brulee pleines fuis largue
economiser monroe releves signez pleurs orteils comptoir persuader pince urine conrad multiples actif percy pavillon
reprocher taureau beckett allie pourrir danses bougie sherlock viser plombs enregistrements secher mettant prives
kathy illusions gant trajectoire ring isolement celeste requins tuerais coton crayon parfaits mousse poursuites vase
piqure exagere musicien individus bouts reggie via mentionner tabasser signification remplacant saul mignons coude
utilite reconnue glacee fouet repasser initiative baron traitres provisions respirez recommande enfreint willy pic
mettons editeur parrain allemande torche explications sublime souhaits denny perdues mouillee relecture
correspondent hourra dee migraine economique emmenage yoga croissance semer mou boris localise categorie petasse
briques crevettes pompier harceler convoi clyde internationale brisee radios zhen ruines flux trouvees volume
engagee soupconne clairs rendrait reglo dormez banquet freddie deb clou sente round rejeter hamilton stresse prennes
mikey acquis exemplaire perruque liberee resiste musiciens gestes detestait rassurer ohio due synchro milliard
enterprise cinglee tai regina marines parano hotels injection herr billard architecte baleine joel avancee craque
cracher craignais integrite fisher lake surete patte calmement luis relache souffler emplois calcul adresses
ecoutais disciple donneur changez girl gangster drolement bilan encaisser negociations noter gotham degueu tonne
ecarter arreterai attendiez asie shan hangar bouges saucisses servait aerien rappel fantasme concurrence menacee
hair herite reportage courent aneantir delta reynolds croisiere mercedes ordi jurer ramasse contexte conquerir
stevens interdite gouttes volontairement triple trouverais mesurer fun theories allees redevable clean south quoique
repondeur cherchant positive debuts foster sons dawn autel insister barreaux sachent griffes garderai virginia
distrait comprendrais violents revoit grise menent crue apparences investisseurs assemblee oeuvres touchant elaine
gagnera spock patrons aimaient hudson genee what have entendais remettra paysans ecrivez mecanique lena enverra
ramenee metre ruban mefier flynn inattendu collecte renseignement menton gagnez minuscule pneu confiant amelia peril
chiot accoucher retrait naif dawson miettes echo noye jessie bella cloches defier baltimore attentes alternative
embrassee ward emmenerai preparent ncis morveux parlaient imaginaire collaboration rodney agressif roulant salir
accouchement sincerite bouleversee imposteur recul modifie federale harmonie felix get vieillard seduisant elsa
continent restaurants matos christina substance debris pizzas murray clarke onze trait obstacles conserver promu
reconfort optimiste reels enigme regardee politiciens creuse largement desesperement aliens combattant grayson reins
boulots independance suivis souviendrai gachette reproduire robinson torse egale couvertures cleveland bac office
latin fiction briller averti pieges morphine bouquet vents informateur atlanta hwan contrariee kid indiquent
tournant immortel char world denver phillip yens autorisee was humilier calendrier ragout envoler stagiaire evans
survivant sages recent frequente dirigeants alec sourcils prevue effraie maris gao peurs schmidt regiment genereuse
connecte voudront milan foutent suffire nolan sylvia reagit pleurait yacht interessait detient celibataires overdose
impatiente enfoncer cathy cartel plaintes nicolas franchi conception chimie group espionner lei impoli absolue
rogers parages tan montage patienter refais complices commencera ahn nerf envoies demandera perspective reduction
fontaine ruelle alien ais obtiens just argument entrees tracasse erin agenda hesiter nucleaires sasha parcouru
donnais silver oublions chad particules cartons enterree achever einstein adoption malchance hanna convenable
approuve programmes compagnons discretion robbie perde not noeud adores rudy visible tresors perdra case tenant
representation clin legendaire soumis secondaires ironie dragons calvin frangin corrompu baxter range shelby
marianne intrigue gamme merdeux fosse gratuite federation cogner abandonnerai placee logiciel affreuse toxique
consoler bernie motivation gray ameliore infiltre joseon dixon aborder insecte drone prendrez condamnation
reservation definition wong objectifs campbell laid leon legale jong nuque villageois gai stewart bonbon baie
application banlieue nicholas femelle mythe condamnes ellis capsule jaunes cine larguer reviendrais defaire
appliquer habites deliberement semestre communistes mourront aimera selection plongee gele griller punie immediat
osez cuisiniere exercices mouton humiliation perturbe affirme june madrid etapes violente amateurs fortement ecrits
desoles croyant vivres crash jefferson colocataire arrivons obligation ecoutent prendront organisme nourri embaucher
bati hypocrite deguise therapeute lionel horaire reproche caserne voisinage ramenes entrant butin beni precision yao
pacifique occasions sportif proprio franchise secouer teste tunnels rampe brady rejetee artere introduit coupure
evanouie doo mord haleine classes grandeur confesser suspense kay ail etrangeres fleches nikki parlerons disposer
boucler batir navy effondrer donovan conduisait abrutis indic applique infecte paniquer majeur frappes comprenais
rendus wes fonctionnaires buffet abraham brulant croyable sonnerie serieuses reviendront bruyant vaccin intimes
epouvantable cassettes polly indispensable emballer poster sal greffe financiere lente amuses condamner cao eleanor
exces dynamite debiles semblables potion erik coupes approbation poignarder lecher juive artie marketing momes
accidentellement doubler lila massacrer embarque brutal deception opposer generosite cout chretien wall horreurs
pareilles meurtriere prononce opinions franche recus grenouille superbes satisfaction prendras ralentis trempe
dortoir solutions majeure franck ava intrigante epais julien emparer terrasse opposition ning benefice bec tendue
burt ballons bunker repandre dates buvait craignez retournerai souhaites scoop nocturne intermediaire froc souvienne
detourne sapin porteur doris bouddha cinquante evanouir saucisse grec artillerie tomates wally papy supposee chalet
poussez chul pretres approchent illegale traque laisseront respectable pauvrete fourmis tiree insultes continuons
uniformes myeong laisserait evaluer hait suzanne talentueux meprise fidelite faveurs roland endommage anormal
fourrure acceptera mama portera imprevisible fute ennemie credible stevie marion toutefois fatigues excitation
encontre mepris montes rico nsa evelyn ambitieux provient serviteurs nombres sympas shu roberts punis malins cynthia
eponge occupent dante couverts abandonnes finances meute gardait tueuse absolu tombera disciples racine hills bush
esclavage habituellement pleinement lions bienvenus aillent visiteur partais rebellion qian time aiguilles impose
gilbert indiquer fumes triomphe effondre empechera gages meurtriers pois limousine angelo vice cacahuetes moo
partiez messire slip chauffage doive irlandais demanderais lucifer mater grece gemit down onu chantent aspirine
commencement procurer offerte gwen plonge inscription hassan epees machoire melodie woody emissions sentiras
horaires savions lires merveilles mat agitation muet passerelle quitterai jouir atteinte admirer cerf poings
terrorisme rentrait souffrent exercer emmerdes chanceuse emmerder moquez semblable arriveront bancaire pretends
ouragan douces liv critiquer changerait romans tuteur finirai susie huh injustice napoleon spirituelle prophetie
createur arrangera reconforter mangeait exageres dirigent luther documentaire cam numerique cyrus teint piegee
decolle universitaire enfermes mettrait clefs gold ski renforcer habituee secretes distribution frit poussent
montrez maree depit baigner lueur discussions cure revelation mule irresponsable extrait compagnies billie vingtaine
resteras bute ramenera chantait crochet extraire joyce couvent von valentin felicite cuisses soja phrases matty
climat chatiment soulagee sanctuaire mentor aimant yeo foin bradley generaux centime raccourci comtesse publics
farine bassin pratiquer triche ernie maligne etendre pardonnerai plaider vivaient mettrais gala verrait hormones
romains reviendrait occupait adrenaline equitable recit consentement thon prisonniere protegerai porcs parcourir
rigolo sinistre vieillir patricia millier obligations cape detour valoir bree psychologie mers kat valley retournons
square independant rosco bavarder presses pelouse arriverez cavalerie venise esther envisage branches these presser
couverte legalement connaissaient habitait exclu malaise convoque abuse sonia ella reflet absente rebours epave
epargne localisation pagaille suivra sirop reagan egouts etonnes camping presentes eteins cherchiez valet sophia
rong surveillez zhu spartacus lizzie deroule porterai solides scan correspondant mimi brett paques electriques
vilaine itineraire coloc vivrai serveurs reactions occupez milo nain amer consciente plier nourris spike hotesse
coutera serum reconstruire detourner tais glacons tailleur dom cables achetes denonce damien paquets joyeuse rhum
ignorance actionnaires demoniaque pentagone salutations module sensibles rient esperait livreur enseignement
consideration marge dol pretendu connasse grenade bonnet determination centimetres irlande jared accomplie voleuse
unir graine vendez hyeong diffusion oups avances chauffe guo nie crucial devoue photographie exploiter chargement
orgueil comble briquet renvoyee survivra beurk amenes mangerai peintures coque vicky loser lier galere fermement
verrouille lointain jade alexis ecoule chantes carlo cognac mulder ouvrent allumettes suffi devise apportera remplit
marilyn hostile athlete tatouages moelle accepterai phare cellulaire aigle trembler alias repars kit mandy cruaute
choisissez cafeteria geante apprete marina vexer roti immobile preniez danielle applaudissements uvre physiques
pantalons abandonnez voiles summer immeubles caporal candidature creux bijou devenez cruz americaines sonde fiances
sympathie regretteras labyrinthe happy merlin contrebande durement repugnant hetero detruits immatriculation gin
communique tenues judith cat humilie prevenus finch poisse indigne lynn barrer yes grade apprendrai sauvera shannon
tiennes tribus seminaire parlions cadet declarations impitoyable decennies conspiration virage espionnage yuri
traitez remarques suggerer fletcher mexico hayes combattants toc onde dures hallucinations risquent devint chelsea
precaution arretais seances rive hai rich recente design trousses noyau introduire retarder transaction pope feroce
luca dal religieuse garrett cerveaux puces librairie profitez reussis rentrent tremblement bataillon tournez
inacceptable aidait archie gaspiller negociation chargez vicieux flou defend terminale allumee fonde ficelles cliche
dealers cliff natale experte tubes disponibles buzz sexuellement sentence predit gendre installation principaux
barres jouera clarence tranche passionne deviendrai sinceres baguette negres fugitif coudes ballet reparation duo
coq menthe ari raconterai frequenter eclairer ligue heurte gardee aveugles consultation manifeste affirmatif ahjumma
urs traditions lard festin tentant hamburger habituelle croie supposer beguin protecteur distribuer jerusalem vaughn
chauds telephoniques lancee sovietique parasite marcherait chapeaux medium apollo ouvrier neanmoins chaleureux
autrui prendrons hospitalite deok cafard gavin controles ohe lci stu hawai right veillerai banal permanente bouc
yale rails tares reserver price ouvrira guan classee attraction traduire remporte pouces dirigeant boivent terrifie
gabrielle batailles assiettes boucliers bourree rejette kidnapping tonton imiter assurances obeis marta identiques
pologne raj flute acceptee japonaise regner offense amical medocs cavale marijuana chorale sentirais oter news
brouhaha metaphore hugh contes conflits tombeau partiel jamal explosif prostituees mails luna resume chapelle poumon
echarpe satellites exceptionnelle banquier jasper cafes obscur rassemble cherchee paresseux envahi effrayante piles
clowns courtoisie lumineux lori exprime chaudes marchands dangereuses lucky berger helena boulettes pop meng lavage
ridicules now survit brune preparee prevois nixon hughes sanchez xie want souvenu repousse decollage conduits volees
villages manquera traitent citer etrangler arretons emotionnel spectateurs maladroit mit manches interrompu gener
recruter privees rafraichir consacrer proprietes choquee laurie georgie gun berceau veterinaire reclamer opere
finance sidney enqueteur foutaises delires crabe vendait profits tak bloquee huang rentrais web visiblement faisions
rattrape contourner baisers american interprete bla roosevelt reproduira sacres embarras tanner septieme luthor ting
boxeur accuses ragots fichez beignets affirmer abe souffres ivy grimpe habitez hallucine disparais descendant
comprennes clous frustrant gonzesse encourage continuerai violeur financiers deguisement souriez dangers abu janice
dentaire preferent appui adversaires crawford suspension detacher keller comprendrez chemises gueules anime saisie
regardons puree donnie guerie wook provisoire paru tuees mondial appuye colorado becca shepherd commode sloane
institut irm peigne gates enfonce appelons gideon similaires ren orphelin accelere coequipier mexicain arrogance
chretiens revolutionnaire pourris fermees frost laissais saumon arene madeleine notion municipal fautes danseur
financer pleurez expulser mettais batards baskets orphelins evier moulin battez suivrai pros jenkins dizaine rase
furax incidents pretentieux bandit audace fondu fabriques interesses decouper trouverait chevaliers francine negro
croyons sik trish intrusion bulles conges pratiques north dorenavant origines etroit apporterai vermine baises
ralenti resterez anxiete dite rae montrera inventaire etendue relie nasa transition frankenstein naive masculin
necessite restiez eliminee gonfle fraternite melee tombez devorer santiago presentee mefie media construite zhong
incapables peluche expliquerait coupures influencer hotes fanny tournait vivian abigail salive mecanisme escorter
sdf mourrais interessantes evolue torres peterson cheryl amusante marchandises envahir associee endure daniels
sabrina raisin independante rusty pouvant achetez loterie arguments quittera terrestre identique affecter confiture
precedente bates distinguer hanches drague assume mysteres hart elan dement detecte assurerai spatiale carbone
conserve repondrai gangsters cuivre prefet representent rassemblement obligatoire prudence permanent entrevue
voudraient mangeant pancakes gyu montent droguee devenues gonna chaton trahie marionnette reuni paulie realisez
normales vendus ramenerai monty manifestation detonateur atomique visa anomalie divers lourds enthousiaste usines
coutume touchent successeur solde bouillir marchant freins bulle faiblesses correcte close ramon suicidee lorenzo
immediate entendra provenant cingles drama brooks see employeur marrer rassure anita promene divertissement dejeune
pots ignorant basee souffrait essayent residents fouillez attendaient google epousee stressee seduit bougent saurons
deplacement tireurs precautions tammy proteges institution drones affiches temperament devoiler decouvrent auteurs
celebrites saoule derangerait voulant vitamines scully bert series mccoy activer pigeons jonah tao walsh infiltrer
opportunites prevoit paume ironique hosto silencieuse assuree wolf ecrirai saints battant telecommande portland
malik barbie pil psychologue reveillera heritiere audacieux detroit annulee resolution cylons burton agite emissaire
thor isabel tirera symboles maintient naples melanger diplomes separement mangera biscuit mouchard protegent elijah
parade fermiers xue pieu bing morty passionnant baigne sandwichs traitements satisfaite effectuer come apaiser
brennan gymnase genes fatal edith tricher naruto travaillerai gorgee theo retarde tentation centres tracer
detectives voyiez joong debute vestiaire dormant apparue rembourserai salopes cherchaient alaska pardonnez
deuxiemement introuvable willow primes yankees superviseur sieur bio sains pensera breche amsterdam jadis autorises
treve entente encules uterus regarderai concerts cede goku culte surveillent heo cuisines bones penserai crepes veau
peyton passeports aire michigan canards agees toubib statistiques reconnaissants acceptable securisee sawyer montana
insensible couchee abel policiere chope fourchette enerves egratignure maddie sierra ronald presidence revenons
mutuellement mae harriet vertige homard brulures specifique inquietait concurrents rouleau geants menee ressentais
cheveu reverrons finirait doyen reprenez disparaisse oswald maniaque jardinier culs viktor gagnants repondent
papillons panneaux deshabiller faculte scenariste wagon transformation samourai intact suture ringard reid pubs
powell mississippi ecureuil recommandation frerot brillants rejouis martiale clope inquietant etincelle dewey
bridget armstrong procedures suffisante condamnee textos tendresse plaisirs etang decret bunny spectaculaire
champions profondes paires exploitation antibiotiques garee citation timmy inferieur retrouvent regagner lances
amusee achetent starfleet references accords reflechit millie fitz sentimental roche regulier musical hayley forment
chocolats autoriser ampleur meprenez mentait calcule pecheur burns sirenes crepuscule complications lisais confuse
fournisseur desaccord clientele side revenant distraction moise avertis inoffensif revolte isoler episodes alma
electeurs contribution parachute trappe caoutchouc ignoble gigantesque coulisses gabe traits comprehensible
souviendra roberto regretterez consacre emeute frotter dope brume immigration futurs affames coriace marshal tabasse
abandon ecurie interpretation bouillie carottes admirable sadie liberes fraises emprise console remuer reparle
simmons souri norma victoires preparatifs tetue prophete session recettes trancher ruisseau queens participation
lecteur reprendra cire desintox decois caillou quentin batons interessants politesse decidez achats rigolez home
capte marchez convaincant cantine nico comprenait blog frodon equipier eprouve sloan entourage ennuyeuse croyances
inclus classiques karma connecter exil justifie gorille emetteur cahier reviser redoutable bousille cui scie
reviennes cigares serve diaz renseigne crichton appellerais preferees magnetique courts defie cultures break
succession day araignees tanya froides recevra anxieux gretchen mannequins bulletin tablette humiliant sas joshua
darryl manipule here efficacite pennsylvanie bites reessayer montgomery detecteurs compagne sermon negative minables
urgente quittent orientation del deborde agences iran clos attendue neant limitee maudits fameuse bae pirater
tribord holt franz entretiens menteurs juridiction dark ecoutera mentalement justes pansement aliments cass
sorcellerie nations brique agisse rivieres agissez benson attentionne fournis secoue omelette tate malle hammond
glen effectue rin crystal cocktails croirais resteront expliques recherchent dominer protegera hanche medicales
inspecter impuissant temoignages orteil comparaison vocation prepares neutre evade negligence douzaines ratee
plombier oubliera enqueteurs inquietudes suede hautes competent nausee faciliter schema sourde ecrivait
temporairement taxes clinton recue bender terrifiee comptant fonder soigneusement locales fournit ouh salaires
italienne enregistree couloirs otis inculper taree manuscrit convention wesley sifflet gratuits jupiter empoisonner
planifier fragments dirigeait nazi lancez transports eteignez deprimant cornes egaux vital priorites paralyse shelly
muscle reservee voyageur invincible indienne emprisonne chargeur brun rajouter locataire battrai travailleur
initiales detestez monk gratte sin neutraliser implication debutant payait rap motifs hyeok hero designe gratter
aneanti golden elephants epice recrute pretendant parasites pains gwang differences compteur darcy cafards brick
saisons criant arche viendrez circuler floyd attrapez trentaine intensifs gail cercles posent jouons couture promise
perdrai incontrolable infarctus cordon enterres facher gagnante melancolique entrailles derangement wheeler morsure
javier engueuler ministres mature fatale odieux gregory coca calecon saignement perquisition mollo necessairement
chester aveu procede devon weekend nash deviendras restais coquille communs vitaux toutou servirait preferais mok
esthetique refusait bei rencontrent croyaient stacy preciser prudemment pion guerit envoyait astronaute interviewer
purement limonade registres auxquelles inconsciente strictement obsedee suk fabrication mack desirer diriez
suffirait noie tequila mineure prototype avortement souleve impressionnee perdants evoluer eclats vitrine there
envole clarifier unnie casses legendes criait bouchon ducon bananes peines maureen defiler cheres concubine sports
papi reciproque partirons eveque ivresse heroique holden wright fran diffuser appelaient volcan poteau comprenons
soupcon dodo xena decoration pauline prisons poignard creek exigences eden pedale montreal trac constante ampoule
mauviette cachees vatican embrasses baratin tomate orgasme inculpe etrangement amours disparaitra brien trafiquant
patrouilles filtre flatte ohh grammes kidnapper emprunt envoyees accessoires trimestre financement queje musulmans
dutch repetez costa attendions aidais portiere millionnaire dynamique changee debattre frein engages cadillac kimchi
weaver vortex remporter politicien cries seuil publiquement paysan compensation coudre volait soudaine fleau
impulsion endors aspects temporelle scelle poivre decouvertes cross vargas egypte edie operatoire offrent prometteur
envoi predire bossait cristina habile toux progresse obtenez strict tiffany trompait animation descendue gemma songe
planquer langley escalade cargo regrettes jetes heureuses actifs perce ecroule eclairage bourreau intimider sherman
derangez margot gardner frappez criteres ecoutait correction bouffon mourante arriverais sauvez romance preston
precises pakistan ouvertement etend circuits ouf transformee refroidir installee modernes iii degoute camper
sandwiches adolescent vance tenons gibson courait vitres fantasmes pair jettes rejouir excellents accueille robinet
maximale ancre vieilli files laide back subitement passages flanc cailloux aines iui doubles precipiter seringue
dicton consommation batteries squelette suivants entrepreneur abeille toits rupert baleines pekin reparations
experimente geniaux innombrables bavard ash louie classement patterson nathalie tambour edwards sortirez resterais
brutes marquis loger diviser whitney elegante postale silhouette emmenait indiana redacteur platre donny marbre
debrouilles bea salades passerez lulu apercevoir way cendrillon shim foncer emmenera sonnette illegalement fichus
cassidy signifiait principalement rush rim omo precipite instruction proviseur plaisent fraise interdits cohen
conseillers verification priver moutarde lampes adorables triangle allusion raisonner pamela repaire julio high
fichent crient levier compenser blouse pardonnera conduira lezard coutent mozart montrant etagere preparait ahh
revers dinosaures craignent loyale larme apprecierais stanford ninja ffffff consultant vocale concevoir attiree nait
blond abdomen henderson voyageurs emmenent accompagnes fritz demarche scarlett procureurs huo exterieure sexualite
racontait oubli pourcentage imprudent ecosse ghetto discrete candy resterait souliers apprentissage lecteurs
contrarier reverras country anneaux emu cuisse recolter jax extraction diligence gouvernante projection dynastie
agressee addison respects miao dague rangee probation susceptible lourdes gains acceptent majordome diplomatique
buster fernando pointes cachet atlantic navigation involontaire remercions eclaircir biologie deprimee greene
planches lopez minou enseignant blues convictions embrouille pousses rival personnalites attende grouille doucher
sournois respectent permettent terminal annonces glorieux braquer aiderais attentif curry raid traduit tentes
sensibilite preference barque bancaires demence accueilli caitlin charley trouviez godzilla graal trip detendu
secourir hamburgers saignes fonctionnement echappee occupation contenait ressemblance dresser poele mills lesbiennes
eugene reparler coureur reduite reconcilier poursuis suivais luc falls arrestations recommences inspirer clayton
mutation consulte campement rene rousse noblesse imminente creatif louper enjeu apocalypse insistez disparues
tombait repand alain cora affronte complicite harlan apprecient manege ignorons reglee epingle dissimuler
deviendrait oxford informes decidera compromettre collaborer chancelier oie interdiction decouvrira cueillir bleues
reprise moya facade cerise short knox hysterique mina galactica cheris simulation faisable bryan seme recents
interpol post infraction habitent adultere gaze infidele doues pente habitues batteur partisans essuyer brendan
phyllis allongee soucies materiaux anesthesie souriant italiens bapteme annulation recrue kilo artificielle olga
proprement bouillon layla fourre fax changerai pincer tartes sauriez ecoutant diverses blocs intacte carnage calins
combler percute milton cerebral extraordinaires admiration elisabeth twitter tentent suggestions riez douloureuse
amendement deposee courtney capote porridge distorsion acheve croute hawkins beck sake chimio posee bravoure
racaille hilarant hesitation columbia secs entraines toiles clip branler flacon ferment remedier misericorde
grenades dani bull agonie kilometre irene wanda voudrai transporte ketchup brules nomination entouree terrains
restaurer paranoiaque parallele racontent competence producteurs prevenez souhaiterais dracula rabbin hierarchie
assurement andouille rafael memoires briggs penche defenses reviendrez poussin plasma primo evidente tessa partagent
avise tyran asiatique ezra negatifs aquarium handicape daryl franco diffuse rassurant apprenez
""")


# 2182 French first names, in no particular order.
FIRST_NAMES = _words("""
abdallah abdel abdelkader abdoulaye abel aboubacar achille adam adama adame adel adem adil adolphe adonis adrian
adriano adriel adrien aedan ahmad ahmed aidan aiden aime aissa akim akram aksel alain alan albain alban albert albin
alcide aldo alec alessandro alessio alex alexandre alexi alexis alexy alfred ali alix allain allan alois alphonse
amadou amael amand amar amaury ambroise amedee amin amine amir amjad anael anas anass anatole andre andrea andreas
andrew andy anes ange angel angelo anis anthony antoine anton antonin antonio antony arda aris aristide armand armel
arnaud arnauld arno aron arsene arthur aubin audric auguste augustin aurele aurelien axel ayan ayaz aydan ayden
aylan ayman aymane aymard aymen aymeric aymerick ayoub aziz badis balthazar baptiste barthelemy basile bastian
bastien batiste ben benjamin benoit berat bernard bertrand bilal bilel billal billy boris bradley brahim brandon
brayan brian brice brieuc bruno bryan caleb calvin cameron camil camille carl carlos casimir cayden cedric cedrick
celestin celian cesar chahine charles charlie charly chris christian christophe christopher clarence claude claudius
clement clotaire clovis colin come constant corentin cristiano curtis cyprien cyril cyrille czeslaw damian damien
dan daniel dany dario darius dave david davy dawson denis desire didier diego dimitri djamel djibril dominique
donovan dorian doryan driss duncan dylan eddie eddy eden edgar edgard edmond edouard edwin eli elian elias elie
elijah elio eliot eliott elliot elliott eloan eloi elouan elvis elyas elyes elyo emeric emile emilien emilio emir
emmanuel emre emrys enael enes enoha enzo eren eric erick ernest erwan erwann esteban etan ethan ethann etienne
eugene evan evann ewan ewen ewenn eyden eymen ezio ezra fabian fabien fabio fabrice fares farid faycal felicien
felix ferdinand fernand fernando filipe firmin flavien flavio florent florentin florian fouad francesco francis
francisco francisque franck franco francois frank frantz fred freddy frederic frederick gabin gabriel gael gaetan
garry gary gaspard gaston gatien gauthier gautier gaylord geoffrey geoffroy georges gerald gerard germain gervais
ghislain gianni gil gilbert gildas gilles gino giovanni giulian giuseppe gregoire gregory guilhem guillaume gurvan
gustave guy gwenael gwendal hadrien hakim hamid hamza harold haron haroun harry hassan hayden hector hedi helios
henri henry herve hicham hilaire hippolyte hocine honore hubert hugo hugues iban ibrahim ibrahima idris idriss igor
ilan ilann ilhan ilian ilias ilies illan ilyan ilyane ilyas ilyes ilyess imad imran imrane irenee isaac isaiah ishak
ishaq isidore islem ismael ismail issa issam ivan iyad iyed jack jacki jackie jacky jacob jacques jacquy jad jaden
jamal jamel james jany jarod jason jassim jawad jawed jayden jayson jean jeannot jeffrey jeremie jeremy jerome
jessim jessy jesus jibril jimmy joachim joan joannes joanny joao joaquim jocelyn joel joey joffre joffrey johan
johann john johnny johny jolan jonah jonas jonathan jordan jordane jordi jordy jorge joris jose joseph joshua
josselin josue joud juan jules julian juliann julien justin kahil kais kalvin kamal kamel kamil karim karl kassim
kayden kaylan kayron kays kelian kellian kelvin kelyan ken kenan kendji kenji kenny kenzo kevin keylan keziah khaled
khalid khalil kilian killian kilyan kleber kyle kylian kyliann kyllian landry laurent lazare leandre leandro leeroy
leni lenny leny lenzo leo leon leonard leonardo leonce leopold lewis liam liham lilian lilio lino lionel lionnel
lisandro lissandro livio loan loann logan lohan loic loick lois lorenzo lorik loris lorys lou louay louca loucas
louis louison louka loukas loup lowen lubin luc luca lucas lucenzo luciano lucien ludovic ludwig luigi luis luka
lukas lyam lyham lylian lylio lysandre lyvio maceo mae mael maelan maelo mahamadou mahdi mahe maher maho malcolm
malcom malik malo malone malonn mamadou manoa manoe manuel mao marc marceau marcel marcelin marcellin marco marcus
marie marin mario marius marley marlon marouane martial martin marvin marwan marwane mateo matheo mathias mathieu
mathis mathurin mathys matias matis matisse matt matteo mattheo matthew matthias matthieu matthis mattia mattis
matys maurice max maxence maxim maxime maximilien mayeul maylan maylon maylone maylonn mayron medhi mehdi mehmet
melvin melvyn merlin merwan michael michel mickael miguel mikael mikail mike milan milann milhan milhane milo miran
mohamed mohammed moise morad morgan mouhamed mounir mourad moussa muhammad muhammed mustafa mustapha mylan mylann
mylo nabil nadir nael nahel nahil nail naim narcisse nasser nassim natan nateo nathael nathan nathanael natheo
nawfel neil nelio nelson neo nessim nicolas niels nils nino noa noah noam noan noe noel noha noham nohan nohlan
nolan nolann nolhan norbert nordine octave oliver olivier omar omer onur oscar oumar ousmane oussama owen pablo paco
pacome paolo pascal patrice patrick paul paulin paulo pedro peter pharell philibert philippe pierre pierrick pio
priam prosper qassim quentin rabah rachid rafael ramzi randy raoul raphael rayan rayane raymond raynald reda regis
remi remy renald renan renaud rene reynald richard riyad robert roberto robin rodolphe rodrigue roger roland rolland
romain roman romaric romeo romuald ronald ronan ruben rubin ruddy rudy rui ryad ryan saad sabri sacha safwan said
salah salim salvatore sam samael sami samir samuel samy sandro sandy santiago sasha sean sebastien selim selyan
semih serge sergio sevan silas simeon simon soan soann soen sofian sofiane sohan sohann solal solan sonny soren
soufiane soulayman souleyman souleymane stan stanislas stanley steeve steeven steevy stephan stephane stephen steve
steven stevens sullivan sullyvan swan swann sylvain tanguy tao tarik tayron teddy telio teo terence terry thais thao
thelio theo theodore theophile thiago thibaud thibault thibaut thierry thimeo thomas thyam thymeo tiago tidiane
tilio tim timae timael timeo timote timothe timothee tino titouan tobias tom tommy toni tony toussaint tristan tyago
tyler tylian tylio tymeo tyron ugo ulrich ulysse urbain vadim valentin valerian valery vianney victor victorien
vincent virgile vivien wael walid walter warren wassim wesley wilfrid wilfried william williams willy wissem wyatt
xavier yacine yael yahya yan yanis yaniss yann yannick yannis yasin yasser yassin yassine yassir yazid ylan ylann
ylies yoan yoann yohan yohann yoni youcef younes youness youri youssef youssouf yusuf yvan yvann yves yvon zacharie
zachary zack zakaria zakariya zakarya zayd zayn ziad zinedine ziyad zyad aaliyah abby abella abigael abigaelle
abigail adelaide adele adelie adeline adolphine adriana adrienne agathe agnes aicha aida aimee aimy aina aisha alana
alba albane alberte albertine alessia alexa alexandra alexandrine alexane alexia alexiane aleyna alfreda alia alice
alicia alienor alina aline alison alisson aliya aliyah alizee allison alma alphonsine alya alyah alycia alyson
alyssa alyssia amal amalia amalya amanda amandine amaya ambre ambrine amel amelia amelie ameline amina aminata amira
amy ana anabelle anae anaelle anais anastasia anastasie anaya andree angela angele angelina angeline angelique angie
ania anick anissa anita anna annabel annabelle annaelle anne annette annick annie annik anny anouck anouk antoinette
antonia antonine anya apolline april aria ariana ariane arielle arlette armande armandine armelle arwen arya ashley
asma assia assil assiya assya astrid astride asya athena athenais aude audrey augusta augustine aurelia aurelie
auriane aurore ava awa axelle aya ayah ayana ayla aylin ayline ayna aziza azra baptistine barbara barbe baya
beatrice belinda bella benedicte berangere berengere berenice bernadette berthe bertille betty bianca billie bintou
blanche blandine bouchra brenda brigitte brune cali calie calista callie camelia camila camilia candice candy
capucine carine carinne carla carmen carol carole caroline cassandra cassandre cassie cassy castille cataleya
catalina catherine cathia cathie cathy cecile cecilia celeste celestine celia celina celine celya cendrine cerise
chahinez chaima chanel chantal chantale charlene charline charlize charlotte charlyne chayma chelsea cherine
cheyenne chiara chimene chirine chloe christel christele christelle christiane christianne christina christine
chrystel chrystele chrystelle ciara cindy claire clara clarisse claudette claudia claudie claudine clea clelia
clemence clementine cleo cloe clothilde clotilde colette coline colleen colombe colyne constance coralie coraline
corine corinne cristelle cristina cylia cyndie cynthia cyrielle daisy dalia dalila dana danae dania daniele danielle
daphne davina dayana deborah delphine denise desiree diana diane dilara dina djamila djenna dolores domitille donia
doriane dorine doris dorothee dounia edith edmee edmonde edwige eglantine ela elaia elea eleana eleanore elena
eleonore elia eliana eliane eliette elif elina eline elisa elisabeth elise elissa elizabeth ella ellie eloane elodie
eloise elona elora elsa elvine ely elya elyana elyna elyne elyssa ema emelie emeline emelyne emie emilia emilie
emilienne emily emma emmanuelle emmie emmy emna emy enola enora erika erin erine erna ernestine esma esmee estelle
esther etiennette eugenie eulalie euphrasie eva eve eveline evelyne evy eya fabienne fadila fanny fanta fantine
farah farida fatiha fatima fatma fatou fatoumata faustine felicia felicie felicite fernande fiona firdaws flavie
fleur flora flore florence florentine floriane florie florine fouzia france francette francine francoise frederique
frieda gabriela gabriella gabrielle gaelle gaetane gaia garance genevieve georgette georgina geraldine germaine
gertrude ghislaine ghyslaine gilberte gina ginette gisele giselle gislaine giulia giuliana gladys gloria grace
graziella guilaine guylaine guylene gwenaelle gwendoline gwenola gwladys hafsa hailey hajar hakima halima hana hanae
hanane hanna hannah harmonie harmony hawa heidi helena helene heloise henriette hiba hidaya hilona hind honorine
hortense houda houria huguette ida ilana ilayda iliana illona ilona ilyana iman imane imany imen imene inaya inayah
ines iness ingrid inna insaf irem irena irene irina iris irma isabel isabelle isaline isaure isis isra israa ivy
izia jacqueline jade jamila jana jane janelle janick janina janine janique janna jannah jannick jasmine jeanine
jeanne jeannette jeannine jenifer jenna jennah jennifer jenny jennyfer jessica jessie jihane joana joanna joanne
jocelyne jodie joelle joffrette johana johanna johanne josee joseline joselyne josephe josephine josette josiane
josianne josseline josselyne josyane joy joyce judith julia juliana juliane julicia julie julienne juliette juline
june justine kahina kaina kamelia kamila kamilia karelle karen karima karin karina karine karla kassandra kataleya
katell kathleen kathy katia katy kawtar kayla kayliah kayna kelia kelly kellya kelya kendra kenza kessy ketty keyla
khadija kiara kim kimberley kimberly klara kristell kyara laeticia laetitia lahna laia laila laina lalie laly lamia
lana lara latifa laura laurane laure laureen laureline lauren laurence laurene laurette lauriane laurianne laurie
laurine laury lauryn lauryne laya layana layanah layane layla layna lea leana leane leanna leanne leelou leia leila
leina lena lenna leona leone leonie leonore leontine leslie lexie leya leyla leyna lia liana lidwine lila lilas lili
lilia liliane lilie lilly liloo lilou lilwenn lily lilya lina linda lindsay line lisa lise lisea lisette lisiane
lison liv livia liya liyah liza lizea loana loane loanne loetitia lola lolita loona lorena lorene loriane lorie
lorine lorna lorraine lory louana louane louann louanne loubna louisa louise louisette louna luana luce lucette
lucia lucie lucienne lucile lucille lucy ludivine luna lya lyah lyana lyanna lydia lydie lyla lylia lyliane lyloo
lylou lyna lynda lyne lysa lyse lysiane lyvia maddie maddy madeleine madeline madison maela maelia maelie maeline
maelis maeliss maelle maelly maellys maely maelya maelyne maelys maelyss maena maeva magali magalie magaly magdalena
magdeleine maggy maguy mahaut maia mailane maily mailys maimouna maina maissa maissane maite maiwen maiwenn malak
malaurie malaury malia malika mallaury maloe malorie malvina malya manal mandy manel manelle manon manuela manuella
marceline marcelle marcelline mareva margaret margaux margo margot marguerite maria mariam mariama mariame marianne
marielle mariette marilou marilyn marilyne marina marine marinette marion mariya marjolaine marjorie marlene marthe
martine marwa mary maryam marylene maryline marylise marylou maryne maryse maryvonne mathilda mathilde maud maude
maurane maureen mauricette maurine maxine maya mayar maylane maylie mayline maylis mayssa mayssane megan megane
meggie meghan meghane meissa melanie melany melek melia melina melinda meline melissa mellina melodie melody melya
melyna melyne melyssa meriem merve meryem meryl mia michele micheline michelle mila milana milena milla mina mira
miral mireille miya mona monia monique morgane morganne mounia muguette muriel murielle mya myla mylene myriam
nabila nada nadege nadia nadine naelle naia naila naima nais nancy naomi naomie naoual nassera nassima natacha
natalia nathalie nawal nawel naya nayla neela neila nelia nell nelly nelya nesrine neyla nicole nicolle nina ninon
nisa nisrine noelia noelie noeline noella noelle noelyne noemie nola nolwen nolwenn noor nora norah nour noura
oceane oceanne octavia octavie odette odile odilia olga olivia olympe ombeline ophelia ophelie orane oriane orianne
orlane ornella oumou paloma pamela paola pascale pascaline patricia paula paule paulette pauline peggy penelope
perrine philippine philomene pia pierrette prescilia prescilla prescillia prisca priscilla priscillia prune rachel
rachida rahma raissa rania ranya raphaele raphaelle raymonde razane rebecca regina regine reine rejane renee rihanna
rita roberte rolande romane romie romy rosa rosalie rose roseline roselyne rosette rosie rosine roxane roxanne
rozenn ruby rym sabah sabine sabrina safa safia safiya sahra saida saja sakina salima salma salome samantha samia
samira sana sanaa sandie sandra sandrine sara sarah satine savannah segolene selena selene selma sephora serena
servane severine seyana shaima shaina shana shanice shanna shannon sharon shayma shayna sherine sheryne shirel
shirley siana sibylle sidonie sidra sienna siham silvia simone simonne sindy sirine sixtine sofia sohane soizic
solange solene solenn solenne soline sonia sophia sophie soraya souad soukaina soumaya stacy stanislawa stecy stella
stephanie stessy suzanne suzette suzie suzy syana sybille sylvaine sylvette sylvia sylviane sylvie syrine taina
talia talya tamara tania tara tasnim tasnime tatiana tea tesnim tess tessa thalia thalya thea thelma therese tia
tiana tifany tifenn tiffanie tiffany tina tiphaine tiphanie tracy tyana typhaine ursule valentina valentine valerie
vanessa vanina veronique victoire victoria victorine violaine violette virginia virginie viviane wanda wendy yaelle
yamina yara yasmina yasmine ylona yolaine yolande yona youna yousra ysee yuna yveline yvelise yvette yvonne zahra
zaynab zayneb zelie zeynep zia zineb zoe zohra
""")
